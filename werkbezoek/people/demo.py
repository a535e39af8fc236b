"""Fictional people in the demo organisations' registers, with stances, contacts and owners.

All names and roles are invented and marked as such; no opinion is ever attached to a real,
named politician. Dates are relative to today, so the demo stays current.
"""

import datetime

from django.utils import timezone
from django_scopes import scope

from werkbezoek.organisations.models import Membership
from werkbezoek.reference.models import Body

from .models import Interaction, Person, Position, Role, Stance
from .public_data import salutation
from .services import assessment_update, interaction_log, person_create, stance_record

FICTIONAL = "Demogegevens (fictief persoon)"

# (given name, family name, role, title, owner e-mail, influence, drivers,
#  [(days ago, stance, reason)], [(days ago, kind, summary)])
PEOPLE = {
    "welzijn-assen": [
        (
            "Henk",
            "Zuidema",
            Role.ALDERMAN,
            "Portefeuille sociaal domein (fictief)",
            "demo@example.org",
            5,
            "Wil minder mensen in de schulden; let op de begroting.",
            [
                (200, Stance.DOUBTER, "Vroeg in de commissie naar de kosten van het buurtteam."),
                (40, Stance.SUPPORTER, "Na het werkbezoek aan het buurthuis positief in de krant."),
            ],
            [
                (12, "email", "Cijfers schuldhulp 2026 nagestuurd."),
            ],
        ),
        (
            "Ilse",
            "Wiersma",
            Role.CIVIL_SERVANT,
            "Beleidsadviseur sociaal domein (fictief)",
            "sanne.bakker@example.org",
            3,
            "Schrijft mee aan het collegeprogramma.",
            [(90, Stance.SUPPORTER, "Denkt actief mee over de subsidieaanvraag.")],
            [(30, "meeting", "Overleg over de subsidieregeling vroeghulp.")],
        ),
        (
            "Fatma",
            "Yilmaz",
            Role.COUNCIL_MEMBER,
            "Fractie Samen Assen (fictief)",
            "sanne.bakker@example.org",
            3,
            "Jongeren in de wijk; veiligheid.",
            [
                (
                    60,
                    Stance.ADHERENT,
                    "Steunt het jongerenwerk, nog geen uitgesproken mening over schuldhulp.",
                )
            ],
            [
                (
                    60,
                    "council_meeting",
                    "Commissie Samenleving bijgewoond; zij stelde vragen over jongerenwerk.",
                )
            ],
        ),
        (
            "Gerrit",
            "Bos",
            Role.COUNCIL_MEMBER,
            "Fractie Assen Vooruit (fictief)",
            "demo@example.org",
            4,
            "Vindt dat welzijnswerk te weinig resultaat laat zien.",
            [(260, Stance.OPPONENT, "Diende een motie in om het budget te verlagen.")],
            [(250, "call", "Telefonisch kennisgemaakt; wil resultaten zien.")],
        ),
        (
            "Anouk",
            "Mulder",
            Role.JOURNALIST,
            "Verslaggever, Asser Courant (fictief)",
            "youssef.amrani@example.org",
            2,
            "",
            [],
            [(20, "email", "Persbericht over de vrijwilligersprijs gestuurd.")],
        ),
        (
            "Pieter",
            "de Boer",
            Role.PARTNER,
            "Directeur Woonstichting Drentse Aa (fictief)",
            "demo@example.org",
            3,
            "Wil minder huisuitzettingen door vroegsignalering.",
            [(120, Stance.SUPPORTER, "Wil samen optrekken richting de gemeente.")],
            [(15, "meeting", "Afspraak over gezamenlijke brief aan de raad.")],
        ),
        (
            "Joke",
            "Hendriks",
            Role.BASE,
            "Vrijwilliger buurthuis (fictief)",
            "sanne.bakker@example.org",
            1,
            "",
            [(30, Stance.SUPPORTER, "Vertelt graag haar verhaal tijdens een werkbezoek.")],
            [],
        ),
    ],
    "schooltuinen-utrecht": [
        (
            "Karin",
            "van Dijk",
            Role.ALDERMAN,
            "Portefeuille onderwijs en groen (fictief)",
            "ander@example.org",
            5,
            "Groene schoolpleinen staan in het coalitieakkoord.",
            [
                (
                    100,
                    Stance.DOUBTER,
                    "Vraagt zich af of schooltuinen bij het onderwijsbudget horen.",
                )
            ],
            [(100, "meeting", "Kennismakingsgesprek op het stadhuis.")],
        ),
        (
            "Tom",
            "Verhoeven",
            Role.CIVIL_SERVANT,
            "Programmamanager groen (fictief)",
            "lotte.smit@example.org",
            3,
            "",
            [(50, Stance.SUPPORTER, "Ziet schooltuinen als onderdeel van de klimaatadaptatie.")],
            [(50, "call", "Gebeld over het onderhoud van de tuinen.")],
        ),
    ],
}


# How the letters address the demo people: "Geachte heer Zuidema", as public records do.
GENDERS = {
    "Henk": "male",
    "Ilse": "female",
    "Fatma": "female",
    "Gerrit": "male",
    "Anouk": "female",
    "Pieter": "male",
    "Joke": "female",
    "Karin": "female",
    "Tom": "male",
}


def load_register_demo(organisation, users: dict) -> None:
    """Fill an organisation's register; does nothing when its demo people exist already."""
    today = timezone.localdate()
    specs = PEOPLE.get(organisation.slug, [])
    with scope(organisation=organisation):
        if Person.objects.filter(organisation=organisation, sources=FICTIONAL).exists():
            return
        owners = {m.user.email: m for m in Membership.objects.select_related("user")}
        for given, family, role, title, owner, influence, drivers, stances, contacts in specs:
            prefix, _space, family_name = family.rpartition(" ")
            person = person_create(
                organisation=organisation,
                actor=users[owner],
                position={
                    "role": role,
                    "title": title,
                    "start_date": today - datetime.timedelta(days=900),
                },
                given_name=given,
                prefix=prefix,
                family_name=family_name,
                salutation=salutation(GENDERS.get(given), prefix, family_name),
                sources=FICTIONAL,
            )
            assessment_update(
                organisation=organisation,
                actor=None,
                person=person,
                influence=influence,
                drivers=drivers,
                owner=owners.get(owner),
            )
            for days_ago, stance, reason in stances:
                stance_record(
                    organisation=organisation,
                    person=person,
                    stance=stance,
                    date=today - datetime.timedelta(days=days_ago),
                    reason=reason,
                    source="Demo",
                    actor=users[owner],
                )
            for days_ago, kind, summary in contacts:
                interaction_log(
                    organisation=organisation,
                    actor=users[owner],
                    date=today - datetime.timedelta(days=days_ago),
                    kind=Interaction.Kind(kind),
                    people=[person],
                    summary=summary,
                )
        _contacts_with_the_council(organisation, users, today)


# Contacts of the demo organisation in Assen with real members of its council (public
# office holders from the reference data), so the home page's chart has something to show:
# (party group, days ago, kind, summary). Contacts only, marked as invented: no stance or
# opinion is attached to a real politician.
COUNCIL_CONTACTS = {
    "welzijn-assen": [
        ("PRO", 40, "meeting", "Demo (fictief contact): kennismaking na de verkiezingen."),
        ("VVD", 75, "call", "Demo (fictief contact): gebeld over het buurtteam."),
        ("CDA", 120, "council_meeting", "Demo (fictief contact): commissie bijgewoond."),
    ],
}


def _contacts_with_the_council(organisation, users, today):
    """Log the demo's contacts with one current council member of each named group, when
    the council's members are loaded (load_reference_data); otherwise nothing."""
    council = Body.objects.filter(
        kind=Body.Kind.COUNCIL, municipality__in=organisation.municipalities.all()
    ).first()
    actor = next(iter(users.values()), None)
    for group, days_ago, kind, summary in COUNCIL_CONTACTS.get(organisation.slug, []):
        member = (
            Person.objects.filter(
                organisation__isnull=True,
                positions__in=Position.objects.held_on(today).filter(
                    body=council, party_group__name=group, role=Role.COUNCIL_MEMBER
                ),
            )
            .order_by("family_name", "pk")
            .first()
        )
        if member is not None:
            interaction_log(
                organisation=organisation,
                actor=actor,
                date=today - datetime.timedelta(days=days_ago),
                kind=Interaction.Kind(kind),
                people=[member],
                summary=summary,
            )
