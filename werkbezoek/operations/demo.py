"""Demo organisations with fictional staff in real municipalities.

Only invented people appear here: no opinions are ever attached to real, named politicians.
"""

from django.conf import settings
from django.db import transaction
from django_scopes import scope, scopes_disabled

from werkbezoek.accounts.models import User
from werkbezoek.documents.models import GeneratedFile
from werkbezoek.documents.services import document_request
from werkbezoek.organisations.models import Membership, Organisation, Role
from werkbezoek.organisations.services import organisation_create
from werkbezoek.people.demo import load_register_demo
from werkbezoek.reference.models import Municipality
from werkbezoek.umbrella.demo import load_umbrella_demo
from werkbezoek.visits.demo import load_visits_demo
from werkbezoek.visits.models import Guest, Visit

DEMO_PASSWORD = "werkbezoek"  # noqa: S105  (documented in the README; demo only)

DEMO_USERS = [
    ("demo@example.org", "Demi de Vries"),
    ("ander@example.org", "Anton Dijkstra"),
    ("sanne.bakker@example.org", "Sanne Bakker"),
    ("youssef.amrani@example.org", "Youssef Amrani"),
    ("lotte.smit@example.org", "Lotte Smit"),
]

DEMO_ORGANISATIONS = [
    {
        "slug": "welzijn-assen",
        "name": "Stichting Welzijn Assen",
        "kind": Organisation.Kind.SOCIAL_WORK,
        "municipalities": ["GM0106"],
        "themes": ["Eenzaamheid onder ouderen", "Schuldhulp", "Jongerenwerk in de wijk"],
        "description": "Welzijnswerk, buurtteams en jongerenwerk in Assen.",
        "contact_email": "info@welzijn-assen.example.org",
        "phone": "0592 123 456",
        "address": "Voorbeeldstraat 12",
        "postcode": "9401 AB",
        "city": "Assen",
        "members": [
            ("demo@example.org", Role.ADMIN),
            ("sanne.bakker@example.org", Role.EDITOR),
            ("youssef.amrani@example.org", Role.READER),
        ],
    },
    {
        "slug": "schooltuinen-utrecht",
        "name": "Vereniging Schooltuinen Utrecht",
        "kind": Organisation.Kind.NATURE_EDUCATION,
        "municipalities": ["GM0344", "GM0356"],
        "themes": ["Natuureducatie", "Groene schoolpleinen", "Voedsel en gezondheid"],
        "description": "Schooltuinen waar basisschoolleerlingen zelf groenten kweken.",
        "contact_email": "contact@schooltuinen-utrecht.example.org",
        "city": "Utrecht",
        "members": [
            ("ander@example.org", Role.ADMIN),
            ("lotte.smit@example.org", Role.EDITOR),
            ("demo@example.org", Role.READER),
        ],
    },
]


def demo_exists() -> bool:
    return Organisation.objects.filter(slug=DEMO_ORGANISATIONS[0]["slug"]).exists()


@transaction.atomic
def load_demo() -> list[Organisation]:
    """Create the demo organisations and users; safe to run again (it skips what exists)."""
    users = {}
    for email, name in DEMO_USERS:
        user, created = User.objects.get_or_create(email=email, defaults={"full_name": name})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        users[email] = user

    organisations = []
    for spec in DEMO_ORGANISATIONS:
        organisation = Organisation.objects.filter(slug=spec["slug"]).first()
        members = spec["members"]
        if organisation is None:
            profile = {
                key: value
                for key, value in spec.items()
                if key not in {"slug", "name", "kind", "members", "municipalities"}
            }
            organisation = organisation_create(
                name=spec["name"],
                slug=spec["slug"],
                kind=spec["kind"],
                created_by=users[members[0][0]],
                municipalities=list(Municipality.objects.filter(code__in=spec["municipalities"])),
                **profile,
            )
        with scope(organisation=organisation):
            for email, role in members:
                Membership.objects.get_or_create(
                    organisation=organisation, user=users[email], defaults={"role": role}
                )
        load_register_demo(organisation, users)
        load_visits_demo(organisation, users)
        load_documents_demo(organisation, users)
        organisations.append(organisation)
    load_umbrella_demo(organisations, users)
    return organisations


def load_documents_demo(organisation, users) -> None:
    """The demo visits' documents, made by the worker as a user's request would be."""
    with scope(organisation=organisation):
        if GeneratedFile.objects.exists():
            return
        demi = users["demo@example.org"]
        for visit in Visit.objects.all():
            kinds = ["run_sheet", "factsheet", "press_before", "briefing"]
            if visit.status in {"held", "followed_up", "closed"}:
                kinds = ["press_after"]
            for kind in kinds:
                document_request(visit=visit, actor=demi, kind=kind, fmt="pdf")
            for guest in visit.guests.filter(kind=Guest.Kind.GUEST, person__isnull=False):
                kind = "invitation" if visit.status == "invited" else "thank_you"
                for fmt in ("docx", "pdf"):
                    document_request(
                        visit=visit,
                        actor=demi,
                        kind=kind,
                        fmt=fmt,
                        guest=guest,
                        base_url=settings.WERKBEZOEK_SITE_URL,
                    )


def demo_logins() -> list[tuple[str, str]]:
    """(e-mail, description) of the demo accounts, for the start-up message."""
    with scopes_disabled():
        rows = []
        for email in ("demo@example.org", "ander@example.org"):
            memberships = Membership.objects.filter(user__email=email).select_related(
                "organisation"
            )
            rows.append(
                (
                    email,
                    ", ".join(f"{m.get_role_display()} {m.organisation.name}" for m in memberships),
                )
            )
        return rows
