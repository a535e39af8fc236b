"""Party coverage: for one council or parliament, who sits in each party group, where they
stand in this organisation's view, and when anyone of the group was last contacted.

Warns when contacts lean on one party (the method: do not become tied to one party, build
relations with ALL groups) and when a key person has gone without contact too long.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Max
from django.utils.translation import gettext as _

from werkbezoek.lib.dates import months_before
from werkbezoek.reference.models import PartyGroup

from .models import Assessment, Interaction, Position, Role
from .selectors import KEY_INFLUENCE, held_roles

LEANING_SHARE = 0.5  # more than half of the contacts with one group
LEANING_MIN_CONTACTS = 4
WINDOW_DAYS = 365
# Who holds no seat: a clerk is listed with the council, but is not one of its members.
NOT_SEATED = [Role.CIVIL_SERVANT, Role.STAFF]


@dataclass
class Member:
    person: object
    positions: list  # this person's positions in the body on the day (a chair is also a member)
    assessment: object | None
    last_contact: datetime.date | None
    # The group the organisation completed itself where the public source gave none.
    completed: bool = False

    @property
    def titles(self):
        """The register's extra titles ("Fractievoorzitter"); an own record's title is
        its description, not a role in the council."""
        return [p.title for p in self.positions if p.title and not p.organisation_id]


@dataclass
class Group:
    group: object | None  # None: members whose party group the sources do not give
    members: list[Member] = field(default_factory=list)
    contacts_in_window: int = 0

    @property
    def name(self):
        return self.group.name if self.group else _("party group unknown")

    @property
    def seats(self):
        return self.group.seats if self.group else None

    @property
    def last_contact(self):
        dates = [m.last_contact for m in self.members if m.last_contact]
        return max(dates) if dates else None

    def stance_counts(self):
        return Counter(m.assessment.stance if m.assessment else "unknown" for m in self.members)


@dataclass
class Coverage:
    groups: list[Group]
    warnings: list[str]  # about contacts: for everyone
    key_warnings: list[str] = field(default_factory=list)  # name influence: assessments

    @property
    def seated_groups(self):
        return [g for g in self.groups if g.group is not None and g.seats]

    @property
    def contacted_groups(self):
        return [g for g in self.seated_groups if g.contacts_in_window]

    @property
    def seats(self):
        return sum(g.seats for g in self.seated_groups)

    @property
    def contacted_seats(self):
        return sum(g.seats for g in self.contacted_groups)


def party_coverage(organisation, body, on: datetime.date) -> Coverage:
    """Every party group of the body: those with seats, and any with members on the day."""
    positions = list(
        Position.objects.held_on(on)
        .filter(body=body)
        .exclude(role__in=NOT_SEATED)
        .select_related("person", "party_group", "body")
        .order_by("person__family_name", "person__initials", "pk")
    )
    people = {p.person_id for p in positions}
    assessments = {a.person_id: a for a in Assessment.objects.own().filter(person__in=people)}
    contacts = Interaction.objects.own().filter(people__in=people)
    last = dict(contacts.values_list("people").annotate(last=Max("date")))
    window_start = on - datetime.timedelta(days=WINDOW_DAYS)
    recent = Counter(
        contacts.filter(date__gt=window_start, date__lte=on).values_list("people", flat=True)
    )

    # One member per person, in the group held_roles gives: the public one, or the
    # organisation's own completion where the public source gave none.
    by_person: dict[int, list] = {}
    for position in positions:
        by_person.setdefault(position.person_id, []).append(position)
    groups: dict[int | None, Group] = {
        group.pk: Group(group)
        for group in PartyGroup.objects.filter(body=body, seats__gt=0).order_by("name")
    }
    for person_id, held in by_person.items():
        role = held_roles(held)[0]  # all in this one body: one row
        party_group = role.party_group
        group = groups.setdefault(party_group.pk if party_group else None, Group(party_group))
        group.members.append(
            Member(
                held[0].person,
                [p for p in held if not p.organisation_id] or held,
                assessments.get(person_id),
                last.get(person_id),
                completed=role.completed,
            )
        )
        group.contacts_in_window += recent.get(person_id, 0)

    warnings = []
    total = sum(g.contacts_in_window for g in groups.values())
    for group in groups.values():
        if group.group is None:
            continue  # members whose party group no source gives: no party to lean on
        if total >= LEANING_MIN_CONTACTS and group.contacts_in_window / total > LEANING_SHARE:
            warnings.append(
                _(
                    "%(percent)d%% of your contacts in the past year were with %(group)s. Build "
                    "relations with all party groups, so your cause does not become one party's."
                )
                % {
                    "percent": round(100 * group.contacts_in_window / total),
                    "group": group.name,
                }
            )
    key_warnings = []
    stale_after = months_before(on, organisation.stale_contact_months)
    for group in groups.values():
        for member in group.members:
            influential = member.assessment and (member.assessment.influence or 0) >= KEY_INFLUENCE
            if influential and (member.last_contact is None or member.last_contact < stale_after):
                key_warnings.append(
                    _(
                        "%(name)s (%(group)s) has influence %(influence)d but no contact for more "
                        "than %(months)d months."
                    )
                    % {
                        "name": member.person.display_name,
                        "group": group.name,
                        "influence": member.assessment.influence,
                        "months": organisation.stale_contact_months,
                    }
                )
    ordered = sorted(groups.values(), key=lambda g: (g.group is None, -(g.seats or 0), g.name))
    return Coverage(ordered, warnings, key_warnings)
