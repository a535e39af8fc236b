"""Checks on who comes: each finding gives its reason, so the organiser can decide."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .programme import Finding

MAX_VISITORS = 6  # DOMAIN: a small group keeps it valuable (a template may set its own)
LOCAL_ROLES = {"alderman", "mayor", "council_member"}


@dataclass
class GuestInfo:
    name: str
    kind: str  # guest, entourage, journalist
    roles: set[str] = field(default_factory=set)
    parties: set[str] = field(default_factory=set)


def check(
    *,
    guests: list[GuestInfo],
    team_roles: list[str],
    visit_kind: str,
    party_mix: str,
    max_visitors: int = MAX_VISITORS,
    max_journalists: int = 1,
):
    findings = []
    main = [g for g in guests if g.kind == "guest"]
    if len(guests) > max_visitors:
        findings.append(
            Finding(
                "size",
                _(
                    "%(count)d visitors is a large group. Keep it small (a few politicians, "
                    "their entourage, one journalist): that keeps the visit personal."
                )
                % {"count": len(guests)},
            )
        )
    if sum(1 for g in guests if g.kind == "journalist") > max_journalists:
        findings.append(
            Finding(
                "journalists",
                ngettext(
                    "Invite one journalist; more press crowds the visit.",
                    "Invite at most %(count)d journalists; more press crowds the visit.",
                    max_journalists,
                )
                % {"count": max_journalists},
            )
        )
    parties = set().union(*(g.parties for g in main)) if main else set()
    if len(main) >= 2 and len(parties) == 1 and party_mix != "one_party":
        findings.append(
            Finding(
                "one-party",
                _(
                    "All guests are from %(party)s. Invite a cross-section of parties, or "
                    "mark the guest list as one party on purpose, so you do not become tied "
                    "to one party by accident."
                )
                % {"party": next(iter(parties))},
            )
        )
    if party_mix == "one_party" and len(parties) > 1:
        findings.append(
            Finding(
                "mixed-parties",
                _("The guest list is marked as one party, but the guests are from %(parties)s.")
                % {"parties": ", ".join(sorted(parties))},
            )
        )
    if visit_kind == "national" and main and not any(g.roles & LOCAL_ROLES for g in main):
        findings.append(
            Finding(
                "regional",
                _(
                    "Tip: members of parliament from your region care about it, and local "
                    "aldermen matter too. Consider inviting an alderman or council member."
                ),
            )
        )
    hosts = team_roles.count("host")
    if hosts == 0:
        findings.append(
            Finding(
                "host",
                _("Choose one host from your team: the person who receives the guests and leads."),
            )
        )
    if not main:
        findings.append(Finding("no-guests", _("No guests yet: add them from the register.")))
    return findings
