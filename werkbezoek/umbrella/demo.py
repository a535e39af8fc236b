"""The demo umbrella body: a fictional national network of the two demo organisations,
with one published template. Invented names only; safe to run again."""

from django_scopes import scope

from werkbezoek.organisations import umbrellas
from werkbezoek.organisations.models import Organisation
from werkbezoek.organisations.services import organisation_create
from werkbezoek.visits import services
from werkbezoek.visits.models import ProgrammeTemplate, Visit

UMBRELLA = {
    "slug": "netwerk-buurt",
    "name": "Landelijk Netwerk Buurt en Natuur",
    "kind": Organisation.Kind.UMBRELLA,
    "description": "Fictieve koepel van welzijns- en natuurorganisaties (demo).",
    "contact_email": "info@netwerk-buurt.example.org",
    "city": "Utrecht",
}

TEMPLATE = {
    "name": "Werkbezoek in de buurt",
    "kind": "local",
    "description": "Een uur in de buurt: laat zien wat bewoners, leerlingen en vrijwilligers "
    "doen, en sluit af met één vraag die past bij onze agenda.",
    "themes": ["Eenzaamheid voorkomen", "Jong en oud in de wijk", "Groen in de buurt"],
    "min_minutes": 30,
    "max_minutes": 75,
    "max_story_minutes": 15,
    "blocks": [
        {"kind": "reception", "title": "Ontvangst met koffie", "minutes": 5},
        {
            "kind": "story",
            "title": "Wat wij in de buurt doen, in cijfers en één verhaal",
            "minutes": 10,
        },
        {"kind": "tour", "title": "Rondgang: meedoen met een activiteit", "minutes": 20},
        {
            "kind": "conversation",
            "title": "Gesprek met bewoners en vrijwilligers",
            "minutes": 15,
            "with_people": True,
        },
        {
            "kind": "closing",
            "title": "Afsluiting: onze vraag en de volgende afspraak",
            "minutes": 5,
        },
    ],
    "max_visitors": 8,
    "max_journalists": 1,
    "extra_tasks": [
        {"step": 6, "title": "Kort verslag en foto delen met het netwerk", "offset_days": 7},
    ],
    "press_text": "Het bezoek hoort bij de landelijke week ‘Kijk in de buurt’ van het Landelijk "
    "Netwerk Buurt en Natuur, waarin politici zien wat buurtorganisaties doen.",
    "post_text": "Vandaag op bezoek bij ons: zien wat de buurt zelf doet. #kijkindebuurt",
}


def load_umbrella_demo(members: list[Organisation], users: dict) -> Organisation:
    admin = users["demo@example.org"]
    umbrella = Organisation.objects.filter(slug=UMBRELLA["slug"]).first()
    if umbrella is None:
        profile = {k: v for k, v in UMBRELLA.items() if k not in {"slug", "name", "kind"}}
        umbrella = organisation_create(
            name=UMBRELLA["name"],
            slug=UMBRELLA["slug"],
            kind=UMBRELLA["kind"],
            created_by=admin,
            **profile,
        )
    member_admins = {"welzijn-assen": admin, "schooltuinen-utrecht": users["ander@example.org"]}
    for member in members:
        if umbrellas.is_active_member(umbrella=umbrella, member=member):
            continue
        link = umbrellas.umbrella_invite(umbrella=umbrella, actor=admin, address=member.slug)
        umbrellas.umbrella_decide(
            link=link, organisation=member, actor=member_admins[member.slug], agree=True
        )
    with scope(organisation=umbrella):
        template = ProgrammeTemplate.objects.own().first()
        if template is None:
            template = services.template_publish(organisation=umbrella, actor=admin, **TEMPLATE)
    _plan_and_share(members[0], admin, template)
    return umbrella


def _plan_and_share(member, actor, template) -> None:
    """Welzijn Assen plans a visit with the umbrella's template and shares it, and shares
    the visit it has already sent invitations for."""
    with scope(organisation=member):
        if Visit.objects.filter(shared_with_umbrella=True).exists():
            return
        planned = services.visit_create(
            organisation=member,
            actor=actor,
            template=template,
            title="Wethouder in de buurtkamer",
            kind="local",
            goal_type="influence",
            theme="Eenzaamheid voorkomen",
            core_message="In de buurtkamer vinden ouderen elkaar weer.",
            ask="Behoud de buurtkamers in de begroting van volgend jaar.",
        )
        services.visit_share_set(visit=planned, actor=actor, shared=True)
        earlier = Visit.objects.filter(status="invited").exclude(pk=planned.pk).first()
        if earlier is not None:
            services.visit_share_set(visit=earlier, actor=actor, shared=True)
