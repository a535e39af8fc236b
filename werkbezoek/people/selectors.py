"""Reads for the register. Filters across relations (assessments, positions) bypass the
scoped managers, so they go through FilteredRelations limited to the current organisation."""

from django.db.models import DateField, FilteredRelation, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from werkbezoek.interactions.models import Interaction

from .models import Assessment, Person, Position


def visible_positions(organisation):
    return Q(positions__organisation__isnull=True) | Q(positions__organisation=organisation)


def register(organisation, *, filters: dict | None = None, today=None):
    """People visible to the organisation, with its own assessment and their current roles."""
    today = today or timezone.localdate()
    filters = filters or {}
    current = Q(visible_positions(organisation)) & (
        Q(positions__end_date__isnull=True) | Q(positions__end_date__gte=today)
    )
    people = Person.objects.annotate(
        mine=FilteredRelation("assessments", condition=Q(assessments__organisation=organisation)),
        now=FilteredRelation("positions", condition=current),
        last_contact=Subquery(
            Interaction.objects.filter(people=OuterRef("pk")).order_by("-date").values("date")[:1],
            output_field=DateField(),
        ),
    )
    if filters.get("q"):
        for word in filters["q"].split()[:5]:
            people = people.filter(
                Q(family_name__icontains=word)
                | Q(given_name__icontains=word)
                | Q(initials__icontains=word)
                | Q(prefix__icontains=word)
            )
    if filters.get("in_register"):
        people = people.filter(mine__isnull=False)
    if filters.get("stance"):
        if filters["stance"] == "unknown":
            people = people.filter(Q(mine__isnull=True) | Q(mine__stance="unknown"))
        else:
            people = people.filter(mine__stance=filters["stance"])
    if filters.get("min_influence"):
        people = people.filter(mine__influence__gte=filters["min_influence"])
    if filters.get("owner"):
        people = people.filter(mine__owner=filters["owner"])
    if filters.get("body"):
        people = people.filter(now__body=filters["body"])
    if filters.get("role"):
        people = people.filter(now__role=filters["role"])
    if filters.get("party"):
        people = people.filter(now__party_group__party=filters["party"])
    if filters.get("municipality"):
        people = people.filter(now__body__municipality=filters["municipality"])
    if filters.get("contact_before"):
        people = people.filter(last_contact__lt=filters["contact_before"])
    if filters.get("contact_after"):
        people = people.filter(last_contact__gt=filters["contact_after"])
    return people.distinct().prefetch_related(
        Prefetch(
            "assessments",
            queryset=Assessment.objects.select_related("owner__user"),
            to_attr="my_assessments",
        ),
        Prefetch(
            "positions",
            queryset=Position.objects.filter(
                Q(end_date__isnull=True) | Q(end_date__gte=today)
            ).select_related("body", "party_group"),
            to_attr="current_positions",
        ),
    )


def assessment_of(person):
    """The current organisation's assessment of a person from register(), or None."""
    found = getattr(person, "my_assessments", None)
    return found[0] if found else None
