"""Tenancy sweep: every URL in the project is checked against people who may not use it.

A new URL pattern fails `test_every_url_is_covered` until it is listed below: under
ORGANISATION_URLS (with the objects of organisation B it needs) or, if it lives outside
/o/<org>/, under PUBLIC_URLS with the reason it is safe.
"""

import datetime
from collections import defaultdict
from datetime import timedelta

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from werkbezoek.documents.models import GeneratedFile
from werkbezoek.mail.models import OutgoingEmail
from werkbezoek.organisations.models import (
    Invitation,
    Membership,
    Organisation,
    Role,
    UmbrellaLink,
)
from werkbezoek.people.models import Person, Position
from werkbezoek.reference.models import Body
from werkbezoek.umbrella.models import Question

# name -> function(objects of one organisation) -> URL kwargs besides `org`
ORGANISATION_URLS = {
    "organisations:dashboard": lambda o: {},
    "organisations:home-part": lambda o: {"name": "contacten"},
    "organisations:profile": lambda o: {},
    "organisations:profile-edit": lambda o: {},
    "organisations:members": lambda o: {},
    "organisations:invite": lambda o: {},
    "organisations:member-role": lambda o: {"pk": o["membership"].pk},
    "organisations:member-remove": lambda o: {"pk": o["membership"].pk},
    "organisations:member-assessments": lambda o: {"pk": o["membership"].pk},
    "organisations:invitation-withdraw": lambda o: {"pk": o["invitation"].pk},
    "people:register": lambda o: {},
    "people:register-count": lambda o: {},
    "people:register-filters": lambda o: {},
    "people:create": lambda o: {},
    "people:access-log": lambda o: {},
    "people:map": lambda o: {},
    "people:coverage": lambda o: {},
    "people:export": lambda o: {},
    "people:choose": lambda o: {},
    "people:changes": lambda o: {},
    "people:group-options": lambda o: {},
    "imports:people": lambda o: {},
    "imports:people-template": lambda o: {},
    "people:detail": lambda o: {"pk": o["person"].pk},
    "people:edit": lambda o: {"pk": o["person"].pk},
    "people:assessment": lambda o: {"pk": o["person"].pk},
    "people:stance": lambda o: {"pk": o["person"].pk},
    "people:contact": lambda o: {"pk": o["person"].pk},
    "people:privacy-export": lambda o: {"pk": o["person"].pk},
    "people:erase": lambda o: {"pk": o["person"].pk},
    "people:merge": lambda o: {"pk": o["person"].pk},
    "people:position-add": lambda o: {"pk": o["person"].pk},
    # The body is public; the person is the organisation's own.
    "people:party-group": lambda o: {"pk": o["person"].pk, "body_pk": o["body"].pk},
    "people:position-edit": lambda o: {"pk": o["person"].pk, "position_pk": o["position"].pk},
    "people:review": lambda o: {},
    "calendars:list": lambda o: {},
    "calendars:add": lambda o: {},
    "calendars:feed-refresh": lambda o: {"pk": o["feed"].pk},
    "calendars:feed-remove": lambda o: {"pk": o["feed"].pk},
    "calendars:feed-evening": lambda o: {"pk": o["feed"].pk},
    "visits:list": lambda o: {},
    "visits:create": lambda o: {},
    "visits:detail": lambda o: {"pk": o["visit"].pk},
    "visits:edit": lambda o: {"pk": o["visit"].pk},
    "visits:template-adopt": lambda o: {"pk": o["visit"].pk},
    "visits:share": lambda o: {"pk": o["visit"].pk},
    "visits:status": lambda o: {"pk": o["visit"].pk},
    "visits:guests": lambda o: {"pk": o["visit"].pk},
    "visits:guest-add": lambda o: {"pk": o["visit"].pk},
    "visits:guest-add-named": lambda o: {"pk": o["visit"].pk},
    "visits:guest": lambda o: {"pk": o["visit"].pk, "guest_pk": o["guest"].pk},
    "visits:guest-remove": lambda o: {"pk": o["visit"].pk, "guest_pk": o["guest"].pk},
    "visits:team-add": lambda o: {"pk": o["visit"].pk},
    "visits:team-remove": lambda o: {"pk": o["visit"].pk, "member_pk": o["member"].pk},
    "visits:dates": lambda o: {"pk": o["visit"].pk},
    "visits:dates-propose": lambda o: {"pk": o["visit"].pk},
    "visits:date-set": lambda o: {"pk": o["visit"].pk},
    "visits:confirm": lambda o: {"pk": o["visit"].pk, "option_pk": o["option"].pk},
    "visits:programme": lambda o: {"pk": o["visit"].pk},
    "visits:programme-template": lambda o: {"pk": o["visit"].pk},
    "visits:programme-reorder": lambda o: {"pk": o["visit"].pk},
    "visits:block-add": lambda o: {"pk": o["visit"].pk},
    "visits:block": lambda o: {"pk": o["visit"].pk, "block_pk": o["block"].pk},
    "visits:block-move": lambda o: {"pk": o["visit"].pk, "block_pk": o["block"].pk},
    "visits:block-remove": lambda o: {"pk": o["visit"].pk, "block_pk": o["block"].pk},
    "visits:stop-add": lambda o: {"pk": o["visit"].pk},
    "visits:stop-remove": lambda o: {"pk": o["visit"].pk, "stop_pk": o["stop"].pk},
    "visits:checklist": lambda o: {"pk": o["visit"].pk},
    "visits:task": lambda o: {"pk": o["visit"].pk, "task_pk": o["task"].pk},
    "visits:media": lambda o: {"pk": o["visit"].pk},
    "visits:media-save": lambda o: {"pk": o["visit"].pk},
    "visits:post-add": lambda o: {"pk": o["visit"].pk},
    "visits:post-remove": lambda o: {"pk": o["visit"].pk, "post_pk": o["post"].pk},
    "visits:invitation": lambda o: {"pk": o["visit"].pk},
    "visits:invitations-send": lambda o: {"pk": o["visit"].pk},
    "visits:invitation-letter": lambda o: {"pk": o["visit"].pk},
    "visits:invitation-guest-letter": lambda o: {"pk": o["visit"].pk, "guest_pk": o["guest"].pk},
    "visits:invitation-posted": lambda o: {"pk": o["visit"].pk, "guest_pk": o["guest"].pk},
    "visits:answers": lambda o: {"pk": o["visit"].pk},
    "visits:calendar": lambda o: {"pk": o["visit"].pk},
    "visits:thank-you-send": lambda o: {"pk": o["visit"].pk},
    "documents:list": lambda o: {"pk": o["visit"].pk},
    "documents:make": lambda o: {"pk": o["visit"].pk},
    "documents:factsheet": lambda o: {"pk": o["visit"].pk},
    "documents:download": lambda o: {"pk": o["visit"].pk, "file_pk": o["file"].pk},
    "organisations:umbrella": lambda o: {},
    "umbrella:templates": lambda o: {},
    "umbrella:template-new": lambda o: {},
    "umbrella:template": lambda o: {"pk": o["template"].pk},
    "umbrella:template-version": lambda o: {"pk": o["template"].pk},
    "umbrella:overview": lambda o: {},
    "umbrella:questions": lambda o: {},
    "umbrella:sessions": lambda o: {},
    "umbrella:session-cohosts": lambda o: {"pk": o["visit"].pk},
    "umbrella:question-ask": lambda o: {},
    "umbrella:question": lambda o: {"pk": o["question"].pk},
    "umbrella:question-reply": lambda o: {"pk": o["question"].pk},
    "umbrella:overview-export": lambda o: {"fmt": "csv"},
    "organisations:umbrella-invite": lambda o: {},
    "organisations:umbrella-request": lambda o: {},
    "organisations:umbrella-decide": lambda o: {"pk": o["link"].pk},
    "organisations:umbrella-end": lambda o: {"pk": o["link"].pk},
    "organisations:outbox": lambda o: {},
    "organisations:outbox-resend": lambda o: {"pk": o["email"].pk},
    "visits:answers-save": lambda o: {"pk": o["visit"].pk},
    "visits:letter-template": lambda o: {},
    "actions:choose": lambda o: {},
    "actions:plan-create": lambda o: {},
    "actions:plan": lambda o: {"pk": o["plan"].pk},
    "actions:rating": lambda o: {"code": "pledge"},
    "actions:rating-save": lambda o: {"code": "pledge"},
    "visits:task-tick": lambda o: {"pk": o["visit"].pk, "task_pk": o["task"].pk},
    "visits:report": lambda o: {"pk": o["visit"].pk},
    "visits:attendance": lambda o: {"pk": o["visit"].pk},
    "visits:report-save": lambda o: {"pk": o["visit"].pk},
    "visits:stances": lambda o: {"pk": o["visit"].pk},
    "visits:next-contact": lambda o: {"pk": o["visit"].pk, "guest_pk": o["guest"].pk},
    "visits:day": lambda o: {"pk": o["visit"].pk},
    "visits:arrived": lambda o: {"pk": o["visit"].pk, "guest_pk": o["guest"].pk},
    "visits:photo-add": lambda o: {"pk": o["visit"].pk},
    "visits:photo": lambda o: {"pk": o["visit"].pk, "photo_pk": o["photo"].pk},
    "visits:thumbnail": lambda o: {"pk": o["visit"].pk, "photo_pk": o["photo"].pk},
    "visits:photo-remove": lambda o: {"pk": o["visit"].pk, "photo_pk": o["photo"].pk},
    "visits:commitment-add": lambda o: {"pk": o["visit"].pk},
    "visits:results": lambda o: {},
    "visits:commitments": lambda o: {},
    "visits:commitment": lambda o: {"commitment_pk": o["commitment"].pk},
    "visits:commitment-status": lambda o: {"commitment_pk": o["commitment"].pk},
}

PUBLIC_URLS = {
    "home": "redirects to one of the user's own organisations",
    "organisations:choose": "lists only the logged-in user's own memberships",
    "organisations:create": "creates a new organisation with the user as its administrator",
    "organisations:invitation-accept": "the secret token is the key (tests in test_invitations)",
    "accounts:login": "no organisation data",
    "accounts:logout": "no organisation data",
    "accounts:password-reset": "no organisation data",
    "accounts:password-reset-done": "no organisation data",
    "accounts:password-reset-confirm": "signed token per user, no organisation data",
    "accounts:password-reset-complete": "no organisation data",
    "accounts:password-change": "acts on the logged-in user only",
    "accounts:reminders": "the logged-in user's own reminder setting only",
    "accounts:password-change-done": "no organisation data",
    "accounts:second-factor": "acts on the logged-in user's own devices only",
    "accounts:second-factor-setup": "acts on the logged-in user's own devices only",
    "accounts:second-factor-codes": "shows the logged-in user's own new codes, once",
    "set_language": "sets a cookie only",
    "healthz": "database and worker status only",
    "visits:answer": "a guest's signed link names organisation, visit and guest; a forged or "
    "moved link answers 404 (tests in visits/tests/test_invitations)",
}


def _walk(patterns, prefix="", namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue  # superusers only: see test_admin_is_for_superusers_only
            ns = entry.namespace or namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, prefix + str(entry.pattern)


ALL_URLS = sorted(set(_walk(get_resolver().url_patterns)))


def test_every_url_is_covered():
    unnamed = [route for name, route in ALL_URLS if name is None or name.endswith(":None")]
    assert not unnamed, f"URL patterns without a name: {unnamed}"
    missing = [
        name
        for name, _route in ALL_URLS
        if name not in ORGANISATION_URLS and name not in PUBLIC_URLS
    ]
    assert not missing, f"Add these URLs to the tenancy sweep: {missing}"
    wrongly_public = [
        name for name, route in ALL_URLS if route.startswith("o/<") and name in PUBLIC_URLS
    ]
    assert not wrongly_public, f"Organisation URLs must be swept, not public: {wrongly_public}"
    stale = set(ORGANISATION_URLS) | set(PUBLIC_URLS) - {name for name, _ in ALL_URLS}
    assert stale <= {name for name, _ in ALL_URLS}, f"Listed but gone: {stale}"


def snapshot():
    """Row counts of every table the project owns, to prove a request changed nothing."""
    with scopes_disabled():
        return {
            model._meta.label: model._default_manager.count()
            for model in apps.get_models()
            if model._meta.app_label not in {"sessions", "axes", "admin", "otp_totp", "otp_static"}
        }


@pytest.fixture
def objects(personas):
    """One of each object an organisation URL can point at, for both organisations."""
    with scopes_disabled():
        result = {}
        for key, org in (("a", personas.org_a), ("b", personas.org_b)):
            result[key] = {
                "org": org,
                "membership": Membership.objects.filter(organisation=org).order_by("-role").first(),
                # Someone the organisation added itself: private to it.
                "person": Person.objects.create(
                    organisation=org, family_name=f"Eigen {org.slug}", initials="E."
                ),
                "invitation": Invitation.objects.create(
                    organisation=org,
                    email=f"new@{org.slug}.example",
                    role=Role.EDITOR,
                    token_hash=f"hash-{org.slug}".ljust(64, "0"),
                    expires_at=timezone.now() + timedelta(days=3),
                ),
            }
            result[key]["body"] = Body.objects.get_or_create(
                code="GR-SWEEP", defaults={"kind": "council", "name": "Gemeenteraad Sweep"}
            )[0]
            result[key]["position"] = Position.objects.create(
                organisation=org, person=result[key]["person"], role="civil_servant"
            )
            result[key].update(visit_objects(org, result[key]["person"]))
            # A membership of an umbrella body: only its two parties may touch it.
            umbrella = Organisation.objects.create(
                name=f"Koepel van {org.slug}", slug=f"koepel-{org.slug}", kind="umbrella"
            )
            result[key]["link"] = UmbrellaLink.objects.create(
                umbrella=umbrella, member=org, status="invited"
            )
            # A question thread between the organisation and that umbrella body.
            result[key]["question"] = Question.objects.create(
                umbrella=umbrella, member=org, subject=f"Vraag van {org.slug}"
            )
        return result


def visit_objects(org, person):
    """A visit with one of everything that hangs off it, owned by `org`."""
    from werkbezoek.actions.models import ActionPlan
    from werkbezoek.calendars.models import CalendarFeed
    from werkbezoek.reference.models import Body
    from werkbezoek.visits import follow_up, services
    from werkbezoek.visits.models import Photo, PlannedPost, ProgrammeTemplate, Stop

    with scope(organisation=org):
        visit = services.visit_create(
            organisation=org,
            actor=None,
            template=ProgrammeTemplate.objects.get(code="local"),
            title=f"Bezoek {org.slug}",
            kind="local",
            goal_type="inform",
            ask="Behoud het budget",
        )
        guest = services.guest_add(visit=visit, actor=None, person=person)
        member = services.team_add(visit=visit, actor=None, role="guide", name="Gids")
        visit.date_options.create(
            organisation=org, date=timezone.localdate() + timedelta(days=40), start_time="10:00"
        )
        # A date, so that its calendar file can be downloaded.
        services.date_set(
            visit=visit,
            actor=None,
            date=timezone.localdate() + timedelta(days=40),
            start_time=datetime.time(10, 0),
        )
        body, _created = Body.objects.get_or_create(
            code="GR-TEST", defaults={"kind": "council", "name": "Gemeenteraad Test"}
        )
        return {
            "visit": visit,
            "guest": guest,
            "member": member,
            "option": visit.date_options.get(),
            "block": visit.blocks.first(),
            "task": visit.tasks.first(),
            "stop": Stop.objects.create(
                organisation=org, visit=visit, name="Tuin", arrives_at="10:00", leaves_at="10:30"
            ),
            "post": PlannedPost.objects.create(
                organisation=org, visit=visit, channel="x", text="Dank voor het bezoek"
            ),
            "feed": CalendarFeed.objects.create(
                organisation=org, body=body, kind="ics_file", name="raad.ics"
            ),
            "file": GeneratedFile.objects.create(
                organisation=org,
                visit=visit,
                kind="run_sheet",
                format="pdf",
                status="done",
                filename="draaiboek.pdf",
                content=b"%PDF-1.7 geheim",
            ),
            "photo": Photo.objects.create(
                organisation=org, visit=visit, image=b"img", thumbnail=b"img", consent="Gevraagd"
            ),
            "commitment": follow_up.commitment_add(
                organisation=org,
                actor=None,
                people=[person],
                text=f"Belofte {org.slug}",
                made_on=timezone.localdate(),
                visit=visit,
            ),
            "plan": ActionPlan.objects.create(organisation=org, action="pledge", title="Plan"),
            # An own visit template, published (to members, were it an umbrella body).
            "template": services.template_publish(
                organisation=org,
                actor=None,
                name=f"Sjabloon {org.slug}",
                kind="local",
                min_minutes=30,
                max_minutes=60,
                max_story_minutes=15,
                blocks=[{"kind": "tour", "title": "Rondleiding", "minutes": 30}],
            ),
            "email": OutgoingEmail.objects.create(
                organisation_pk=org.pk,
                to=f"gast@{org.slug}.example",
                subject="Uitnodiging",
                body_text="Tekst",
                message_id=f"<sweep-{org.slug}@werkbezoek.local>",
                status="failed",
            ),
        }


def url_for(name, objs, org_slug=None):
    kwargs = ORGANISATION_URLS[name](objs)
    return reverse(name, kwargs={"org": org_slug or objs["org"].slug, **kwargs})


SWEPT = sorted(ORGANISATION_URLS)


@pytest.mark.parametrize("name", SWEPT)
@pytest.mark.parametrize("method", ["get", "post"])
def test_outsider_gets_404_and_changes_nothing(client_as, personas, objects, name, method):
    client = client_as(personas.outsider)  # member of B only
    before = snapshot()
    response = getattr(client, method)(url_for(name, objects["a"]))
    assert response.status_code == 404
    assert snapshot() == before


class _AnyObject:
    pk = 1


# URL parameters that name something public (a code of the action catalogue), not a row an
# organisation owns, or the name of a part of the home page: the same in every organisation.
PUBLIC_PARAMETERS = {"code", "name", "fmt"}
WITH_ID = [
    n for n in SWEPT if set(ORGANISATION_URLS[n](defaultdict(_AnyObject))) - PUBLIC_PARAMETERS
]


@pytest.mark.parametrize("name", WITH_ID)
@pytest.mark.parametrize("method", ["get", "post"])
def test_foreign_id_in_own_organisation_gets_404(client_as, personas, objects, name, method):
    """An admin of A using A's slug with an id that belongs to B."""
    client = client_as(personas.admin)
    before = snapshot()
    response = getattr(client, method)(url_for(name, objects["b"], org_slug="welzijn-a"))
    # A view that does not take this method answers 405 before looking anything up:
    # the same for every id, so it reveals nothing.
    assert response.status_code == 404 or (
        response.status_code == 405 and method.upper() not in response["Allow"]
    )
    assert snapshot() == before


@pytest.mark.parametrize("name", SWEPT)
def test_unknown_organisation_gets_404(client_as, personas, objects, name):
    response = client_as(personas.admin).get(url_for(name, objects["a"], org_slug="bestaat-niet"))
    assert response.status_code == 404


@pytest.mark.parametrize("name", SWEPT)
def test_anonymous_is_sent_to_login(client, objects, name):
    response = client.get(url_for(name, objects["a"]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", SWEPT)
def test_reader_cannot_write(client_as, personas, objects, name):
    client = client_as(personas.reader)
    before = snapshot()
    response = client.post(url_for(name, objects["a"]), {"role": "admin", "name": "Gekaapt"})
    assert response.status_code in (403, 405)
    assert snapshot() == before


@pytest.mark.parametrize("name", SWEPT)
def test_every_organisation_view_declares_its_role(personas, objects, name):
    view = resolve(url_for(name, objects["a"])).func
    assert getattr(view, "required_role", None) in Role.values, (
        f"{name} must use membership_required(...) from organisations.access"
    )


@pytest.mark.parametrize("name", SWEPT)
def test_pages_above_reader_level_answer_403_to_readers(client_as, personas, objects, name):
    url = url_for(name, objects["a"])
    required = resolve(url).func.required_role
    response = client_as(personas.reader).get(url)
    if required == Role.READER:
        assert response.status_code == 200
    else:
        assert response.status_code in (403, 405)


def test_removed_member_loses_access_on_next_request(client_as, personas):
    client = client_as(personas.editor)
    assert client.get(reverse("organisations:dashboard", args=["welzijn-a"])).status_code == 200
    with scopes_disabled():
        Membership.objects.get(user=personas.editor, organisation=personas.org_a).delete()
    assert client.get(reverse("organisations:dashboard", args=["welzijn-a"])).status_code == 404


def test_admin_is_for_superusers_only(client_as, personas, db):
    personas.admin.is_staff = True
    personas.admin.save()
    response = client_as(personas.admin).get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    personas.admin.is_superuser = True
    personas.admin.save()
    assert client_as(personas.admin).get("/admin/organisations/membership/").status_code == 200


@pytest.mark.parametrize("name", SWEPT)
def test_pages_readers_may_open_take_no_writes(client_as, personas, objects, name):
    """One URL per action: where the declared role is "reader", even an admin's POST is 405,
    so no write hides behind a reader's page."""
    url = url_for(name, objects["a"])
    if resolve(url).func.required_role != Role.READER:
        return
    before = snapshot()
    response = client_as(personas.admin).post(url, {"title": "Gekaapt", "action": "add"})
    assert response.status_code == 405
    assert snapshot() == before


@pytest.mark.parametrize("name", SWEPT)
def test_organisation_pages_and_downloads_are_not_stored(client_as, personas, objects, name):
    """Personal data must not stay behind in a browser cache or a proxy."""
    response = client_as(personas.admin).get(url_for(name, objects["a"]))
    assert "no-store" in response.get("Cache-Control", ""), response.status_code
