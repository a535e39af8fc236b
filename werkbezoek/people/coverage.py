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

from .models import Assessment, Interaction, Position

KEY_INFLUENCE = 4
LEANING_SHARE = 0.5  # more than half of the contacts with one group
LEANING_MIN_CONTACTS = 4
WINDOW_DAYS = 365


@dataclass
class Member:
    person: object
    position: object
    assessment: object | None
    last_contact: datetime.date | None


@dataclass
class Group:
    group: object
    members: list[Member] = field(default_factory=list)
    contacts_in_window: int = 0

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


def party_coverage(organisation, body, on: datetime.date) -> Coverage:
    positions = list(
        Position.objects.held_on(on)
        .filter(body=body, party_group__isnull=False)
        .select_related("person", "party_group")
        .order_by("party_group__name", "person__family_name")
    )
    people = [p.person_id for p in positions]
    assessments = {a.person_id: a for a in Assessment.objects.own().filter(person__in=people)}
    contacts = Interaction.objects.own().filter(people__in=people)
    last = dict(contacts.values_list("people").annotate(last=Max("date")))
    window_start = on - datetime.timedelta(days=WINDOW_DAYS)
    recent = Counter(
        contacts.filter(date__gt=window_start, date__lte=on).values_list("people", flat=True)
    )

    groups: dict[int, Group] = {}
    for position in positions:
        group = groups.setdefault(position.party_group_id, Group(position.party_group))
        group.members.append(
            Member(
                position.person,
                position,
                assessments.get(position.person_id),
                last.get(position.person_id),
            )
        )
        group.contacts_in_window += recent.get(position.person_id, 0)

    warnings = []
    total = sum(g.contacts_in_window for g in groups.values())
    for group in groups.values():
        if total >= LEANING_MIN_CONTACTS and group.contacts_in_window / total > LEANING_SHARE:
            warnings.append(
                _(
                    "%(percent)d%% of your contacts in the past year were with %(group)s. Build "
                    "relations with all party groups, so your cause does not become one party's."
                )
                % {
                    "percent": round(100 * group.contacts_in_window / total),
                    "group": group.group.name,
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
                        "group": group.group.name,
                        "influence": member.assessment.influence,
                        "months": organisation.stale_contact_months,
                    }
                )
    return Coverage(sorted(groups.values(), key=lambda g: g.group.name), warnings, key_warnings)
