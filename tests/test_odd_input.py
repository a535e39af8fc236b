"""Odd input on the main forms: whatever is typed or forged, the answer is a page with a
Dutch message or a saved change, never a 500, and a refused form stores nothing.

Hypothesis fills every field of each form with odd values (huge and negative numbers,
dates in year 1 or 9999, forged ids, control characters, very long text)."""

import pytest
from django.apps import apps
from django.contrib.messages import get_messages
from django.urls import reverse
from django_scopes import scope, scopes_disabled
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from werkbezoek import testing
from werkbezoek.people import services as register

ODD = st.one_of(
    st.sampled_from(
        [
            "",
            "0",
            "-1",
            "99999999999999999999999999",
            "9223372036854775808",
            "1e309",
            "NaN",
            "9999-12-31",
            "0001-01-01",
            "31-02-2027",
            "2026-13-01",
            "25:61",
            "x" * 5000,
            "\x00",
            "<script>alert(1)</script>",
            '=HYPERLINK("http://x")',
            "true",
            "on",
            "²",  # a digit to str.isdigit(), not to int()
            "٣",  # an Arabic-Indic three: int() reads it as 3
        ]
    ),
    st.text(max_size=30),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)

# form name -> (URL name, URL args from the objects, fields)
FORMS = {
    "visit": (
        "visits:create",
        [],
        [
            "title",
            "theme",
            "kind",
            "goal_type",
            "goal",
            "ask",
            "duration_minutes",
            "party_mix",
            "template",
        ],
    ),
    "date": ("visits:date-set", ["visit"], ["date", "start_time"]),
    "period": ("visits:dates-propose", ["visit"], ["start", "end", "time_of_day", "count"]),
    "block": ("visits:block-add", ["visit"], ["kind", "title", "minutes", "stop", "slides"]),
    "stop": ("visits:stop-add", ["visit"], ["name", "arrives_at", "leaves_at"]),
    "post": ("visits:post-add", ["visit"], ["channel", "days_after", "text"]),
    "answer": (
        "visits:guest",
        ["visit", "guest"],
        [
            "rsvp",
            "preferred_option",
            "notes",
            "photos_allowed",
            "handle",
        ],
    ),
    "team": ("visits:team-add", ["visit"], ["role", "membership", "name"]),
    "person": ("people:create", [], ["family_name", "email", "role", "body", "title"]),
    "stance": ("people:stance", ["person"], ["stance", "date", "reason"]),
    "contact": ("people:contact", ["person"], ["date", "kind", "people", "summary"]),
    "position": (
        "people:position-add",
        ["person"],
        [
            "role",
            "body",
            "party_group",
            "start_date",
            "end_date",
        ],
    ),
    "assessment": (
        "people:assessment",
        ["person"],
        [
            "influence",
            "owner",
            "themes",
            "do_not_contact",
        ],
    ),
    "report": ("visits:report-save", ["visit"], ["what_happened", "ask_outcome", "rating_network"]),
    "commitment": (
        "visits:commitment-add",
        ["visit"],
        ["people", "text", "made_on", "due_on", "owner"],
    ),
    "attendance": ("visits:attendance", ["visit"], ["present"]),
    "next_contact": ("visits:next-contact", ["visit", "guest"], ["date", "what", "owner"]),
    "rating": (
        "actions:rating-save",
        ["code"],
        ["voter_visibility", "network", "policy_progress", "base", "difficulty", "note"],
    ),
    "profile": (
        "organisations:profile-edit",
        [],
        [
            "name",
            "kind",
            "postcode",
            "municipalities",
            "stale_contact_months",
        ],
    ),
}
IGNORED = {"sessions", "axes", "admin", "django_tasks_database"}


def snapshot():
    with scopes_disabled():
        return {
            model._meta.label: model._base_manager.count()
            for model in apps.get_models()
            if model._meta.app_label not in IGNORED
        }


@pytest.fixture
def world(personas, client_as):
    council = testing.make_council()
    alderman = testing.make_public_person("Hoekstra", "alderman", council.executive)
    with scope(organisation=personas.org_a):
        visit = testing.make_visit(personas.org_a, personas.editor)
        from werkbezoek.visits import services

        guest = services.guest_add(visit=visit, actor=personas.editor, person=alderman)
        person = register.person_create(
            organisation=personas.org_a, actor=personas.editor, family_name="Eigen"
        )
    return {
        "client": client_as(personas.admin),
        "visit": visit.pk,
        "guest": guest.pk,
        "person": person.pk,
        "code": "pledge",  # an action of the catalogue
    }


@pytest.mark.parametrize("form", sorted(FORMS))
def test_odd_input_never_answers_500_and_a_refusal_stores_nothing(world, form):
    name, arg_names, fields = FORMS[form]
    url = reverse(name, args=["welzijn-a", *[world[arg] for arg in arg_names]])
    client = world["client"]

    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.fixed_dictionaries(dict.fromkeys(fields, ODD)))
    # Always tried, not left to chance: a forged id too large for any database column.
    @example(dict.fromkeys(fields, "99999999999999999999999999"))
    def post(data):
        before = snapshot()
        response = client.post(url, data)
        assert response.status_code < 500, (form, data)
        refused = response.status_code == 200 or any(
            message.level_tag == "error" for message in get_messages(response.wsgi_request)
        )
        if refused:
            assert snapshot() == before, (form, data)

    post()
