"""The two standard programmes of the method, with their limits as data. An umbrella body
or an organisation can add its own ProgrammeTemplate rows with other limits."""

from werkbezoek.reference.loaders import LoadResult, upsert

TEMPLATES = [
    {
        "code": "local",
        "name": "Lokaal werkbezoek (30-60 minuten)",
        "kind": "local",
        "description": "Voor wethouders, raadsleden en ambtenaren: kort, met iets om te zien "
        "en te doen, en afgesloten met de concrete vraag.",
        "min_minutes": 30,
        "max_minutes": 60,
        "max_story_minutes": 15,
        "blocks": [
            {"kind": "reception", "title": "Ontvangst: kennismaken en koffie", "minutes": 5},
            {"kind": "story", "title": "Het verhaal: cijfers, ervaringen en effect", "minutes": 10},
            {"kind": "tour", "title": "Rondleiding of demonstratie", "minutes": 15},
            {
                "kind": "conversation",
                "title": "Gesprek met deelnemers en vragen",
                "minutes": 10,
                "with_people": True,
            },
            {
                "kind": "closing",
                "title": "Afsluiting: kernboodschap, concrete vraag en vervolgafspraak",
                "minutes": 5,
            },
        ],
    },
    {
        "code": "national",
        "name": "Werkbezoek Kamerleden (één dagdeel)",
        "kind": "national",
        "description": "Voor Tweede Kamerleden: ten hoogste één dagdeel, eventueel met lunch "
        "ervoor of erna; een rondgang met gesprekken, geen presentatie met dia's.",
        "min_minutes": 60,
        "max_minutes": 240,
        "max_story_minutes": 15,
        "blocks": [
            {"kind": "reception", "title": "Ontvangst", "minutes": 10},
            {"kind": "story", "title": "Korte toelichting: onze prioriteit", "minutes": 10},
            {
                "kind": "tour",
                "title": "Rondgang door de wijk: een woning, buurthuis of bouwproject",
                "minutes": 60,
            },
            {
                "kind": "conversation",
                "title": "Gesprekken met bewoners en medewerkers",
                "minutes": 30,
                "with_people": True,
            },
            {"kind": "deep_dive", "title": "Verdieping op één thema", "minutes": 30},
            {"kind": "closing", "title": "Afsluiting met de concrete vraag", "minutes": 10},
            {"kind": "networking", "title": "Informeel moment", "minutes": 20},
        ],
    },
]


def ensure() -> LoadResult:
    """Create or update the standard templates (idempotent). The base manager is unscoped:
    these rows belong to no organisation. Run by `manage.py load_reference_data`."""
    from .models import ProgrammeTemplate

    result = LoadResult()
    public = ProgrammeTemplate._base_manager.filter(organisation=None)
    for spec in TEMPLATES:
        values = {name: value for name, value in spec.items() if name != "code"}
        upsert(public, result, values=values, code=spec["code"])
    return result
