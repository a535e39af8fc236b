"""Reads for the register. Filters across relations bypass the scoped managers, so they go
through subqueries on scoped managers or FilteredRelations limited to the organisation."""

from django.db.models import (
    DateField,
    F,
    FilteredRelation,
    Max,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
)
from django.utils import timezone

from .models import Assessment, Interaction, Person, Position

POSITION_FILTERS = {
    "body": "body",
    "role": "role",
    "party": "party_group__party",
    "municipality": "body__municipality",
}


def filtered_people(organisation, filters: dict, today):
    """People matching the filters, without row-multiplying joins (no DISTINCT needed)."""
    people = Person.objects.annotate(
        # One assessment per person and organisation: a one-to-one join.
        mine=FilteredRelation("assessments", condition=Q(assessments__organisation=organisation)),
    )
    for word in (filters.get("q") or "").split()[:5]:
        people = people.filter(
            Q(family_name__icontains=word)
            | Q(given_name__icontains=word)
            | Q(initials__icontains=word)
            | Q(prefix__icontains=word)
        )
    if filters.get("in_register"):
        people = people.filter(mine__isnull=False)
    stance = filters.get("stance")
    if stance == "unknown":
        people = people.filter(Q(mine__isnull=True) | Q(mine__stance="unknown"))
    elif stance:
        people = people.filter(mine__stance=stance)
    if filters.get("min_influence"):
        people = people.filter(mine__influence__gte=filters["min_influence"])
    if filters.get("influence"):
        people = people.filter(mine__influence=filters["influence"])
    if filters.get("owner"):
        people = people.filter(mine__owner=filters["owner"])
    if filters.get("theme"):
        people = people.filter(mine__themes__icontains=filters["theme"])
    position_filters = {
        lookup: filters[name] for name, lookup in POSITION_FILTERS.items() if filters.get(name)
    }
    if position_filters:
        people = people.filter(
            pk__in=Position.objects.held_on(today).filter(**position_filters).values("person_id")
        )
    last_contact = last_contact_subquery()
    if filters.get("contact_before") or filters.get("contact_after"):
        people = people.annotate(last_contact=last_contact)
        if filters.get("contact_before"):
            people = people.filter(last_contact__lt=filters["contact_before"])
        if filters.get("contact_after"):
            people = people.filter(last_contact__gt=filters["contact_after"])
    sort = filters.get("sort")
    if sort == "influence":
        people = people.order_by(F("mine__influence").desc(nulls_last=True), *NAME_ORDER)
    elif sort == "stance":
        people = people.order_by(F("mine__stance").asc(nulls_last=True), *NAME_ORDER)
    elif sort == "contact":
        if "last_contact" not in people.query.annotations:
            people = people.annotate(last_contact=last_contact)
        people = people.order_by(F("last_contact").asc(nulls_first=True), *NAME_ORDER)
    return people, last_contact


NAME_ORDER = ("family_name", "initials", "given_name", "pk")


def register(organisation, *, filters: dict | None = None, today=None):
    """People visible to the organisation, with its own assessment and their current roles.

    Last contact is added per page with with_last_contact(): computing it inside this query
    would run the subquery for every person before sorting and paging.
    """
    today = today or timezone.localdate()
    people, _last_contact = filtered_people(organisation, filters or {}, today)
    return people.prefetch_related(
        Prefetch(
            "assessments",
            queryset=Assessment.objects.own().select_related("owner__user"),
            to_attr="my_assessments",
        ),
        Prefetch(
            "positions",
            queryset=Position.objects.held_on(today).select_related("body", "party_group"),
            to_attr="current_positions",
        ),
    )


def assessment_of(person):
    """The current organisation's assessment of a person from register(), or None."""
    found = getattr(person, "my_assessments", None)
    return found[0] if found else None


def last_contact_subquery():
    # Interaction.objects is scoped: only this organisation's contacts count.
    return Subquery(
        Interaction.objects.own()
        .filter(people=OuterRef("pk"))
        .order_by("-date")
        .values("date")[:1],
        output_field=DateField(),
    )


def with_last_contact(people, organisation):
    """Set person.last_contact (this organisation's contacts) for one page of people.

    Driven from the people side of the contact table (an index on person_id), so it costs
    the same however many contacts the organisation has. That link table has no scoped
    manager, hence the explicit organisation filter.
    """
    people = list(people)
    links = Interaction.people.through.objects.filter(
        person_id__in=[person.pk for person in people],
        interaction__organisation=organisation,
    )
    last = dict(
        links.values("person_id")
        .annotate(last=Max("interaction__date"))
        .values_list("person_id", "last")
    )
    for person in people:
        person.last_contact = last.get(person.pk)
    return people
