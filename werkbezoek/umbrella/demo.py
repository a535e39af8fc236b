"""The demo umbrella body: a fictional national network of the two demo organisations,
with one published template, a shared visit planned with it, a question with its answer,
and a dialogue session both members co-host. Invented names only; safe to run again."""

from django.conf import settings
from django_scopes import scope

from werkbezoek.organisations import umbrellas
from werkbezoek.organisations.models import Organisation
from werkbezoek.organisations.services import organisation_create
from werkbezoek.visits import services
from werkbezoek.visits.models import ProgrammeTemplate, Visit

from . import questions
from .models import Question

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
    _question_answered(members[1], umbrella, users)
    _dialogue_session(umbrella, members, admin)
    return umbrella


def _dialogue_session(umbrella, members, actor) -> None:
    """The umbrella's own session with members of parliament, both members co-hosting."""
    with scope(organisation=umbrella):
        if Visit.objects.exists():
            return
        session = services.visit_create(
            organisation=umbrella,
            actor=actor,
            template=ProgrammeTemplate.objects.get(organisation=None, code="national"),
            title="Dialoogsessie: Kamerleden in de buurt",
            kind="national",
            goal_type="influence",
            theme="Jong en oud in de wijk",
            location_name="Buurthuis De Kloosterveen",
            core_message="Buurtorganisaties houden wijken leefbaar, als het Rijk ze de ruimte "
            "en het geld geeft.",
            ask="Neem de buurtaanpak op in de begroting van volgend jaar.",
        )
        services.cohosts_set(visit=session, actor=actor, members=members)


def _question_answered(member, umbrella, users) -> None:
    """Schooltuinen Utrecht asked the umbrella something, and got an answer."""
    if Question.objects.filter(member=member, umbrella=umbrella).exists():
        return
    base_url = settings.WERKBEZOEK_SITE_URL or "http://127.0.0.1:8000"
    question = questions.question_ask(
        member=member,
        umbrella=umbrella,
        actor=users["lotte.smit@example.org"],
        subject="Mag een wethouder met de leerlingen mee-oogsten?",
        text="Het sjabloon vraagt om iets te doen. Mag de wethouder samen met de leerlingen "
        "oogsten, of wordt dat te druk met de pers erbij?",
        base_url=base_url,
    )
    questions.question_reply(
        question=question,
        organisation=umbrella,
        actor=users["demo@example.org"],
        text="Ja, graag: meedoen is precies de bedoeling. Houd de pers op één fotograaf, dan "
        "blijft het rustig voor de leerlingen.",
        base_url=base_url,
    )


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
