"""An umbrella's templates: published in versions, planned with by members only, kept by
the visits made with them until a member adopts a newer one."""

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from werkbezoek import testing
from werkbezoek.actions.services import ratings_of
from werkbezoek.documents import content
from werkbezoek.organisations import umbrellas
from werkbezoek.visits import selectors, services
from werkbezoek.visits.models import ProgrammeTemplate, Visit

from .conftest import publish, template_post

pytestmark = pytest.mark.django_db


def _published(umbrella, version=None):
    with scopes_disabled():
        templates = ProgrammeTemplate.objects.filter(organisation=umbrella).order_by("-version")
        return templates.get(version=version) if version else templates.first()


def _plan(client, template, **changes):
    data = {
        "title": "Kamerlid in de wijk",
        "kind": "national",
        "goal_type": "influence",
        "theme": "Leefbare wijken",
        "ask": "Steun het amendement over wijkbudgetten",
        "duration_minutes": 120,
        "party_mix": "cross_section",
        "template": template.pk,
        "submission": "t-1",
    } | changes
    return client.post(reverse("visits:create", args=["welzijn-a"]), data)


def test_the_umbrella_publishes_a_template_and_its_member_plans_with_it(
    client_as, personas, koepel
):
    umbrella, umbrella_admin, _link = koepel
    response = publish(client_as(umbrella_admin))
    template = _published(umbrella)
    assert response.status_code == 302 and template.version == 1
    assert template.themes == ["Genoeg betaalbare woningen", "Leefbare wijken", "Verduurzaming"]
    assert template.max_visitors == 10 and template.ratings == {"pledge": {"network": 5}}
    assert template.extra_tasks == [
        {"step": 2, "title": "Uitnodiging ook naar de koepel sturen", "offset_days": -28}
    ]

    member = client_as(personas.editor)
    page = member.get(reverse("umbrella:templates", args=["welzijn-a"])).text
    assert "Van uw koepel" in page and "Werkbezoek woningcorporatie" in page
    form = member.get(reverse("visits:create", args=["welzijn-a"]) + f"?sjabloon={template.pk}")
    # Planned from the template: its themes are the choice, its name with version and owner.
    assert '<option value="Leefbare wijken">' in form.text
    assert "Werkbezoek woningcorporatie (versie 1, Koepel van woningcorporaties)" in form.text

    refused = _plan(member, template, theme="Iets anders")
    assert refused.status_code == 200 and "Kies een van de thema’s" in refused.text
    assert _plan(member, template).status_code == 302
    with scope(organisation=personas.org_a):
        visit = Visit.objects.get()
        assert visit.template == template
        assert visit.tasks.filter(title="Uitnodiging ook naar de koepel sturen").exists()
        assert visit.posts.get().text.startswith("Vandaag op bezoek")
        # The umbrella's letter and press paragraph are the visit's.
        assert "Samen met onze koepel" in selectors.visit_letter_text(visit)
        release = content.press_release(visit, sender=personas.editor, after=False)
        assert "campagne Thuis in de wijk" in " ".join(release.blocks[0].paragraphs)
    # The member's action ratings start from the umbrella's defaults; its own still win.
    with scope(organisation=personas.org_a):
        pledge = ratings_of(personas.org_a)["pledge"]
    assert pledge["network"] == 5 and pledge["umbrella"] == "Koepel van woningcorporaties"


def test_the_composition_follows_the_template_limits(personas, koepel):
    umbrella, umbrella_admin, _link = koepel
    with scope(organisation=umbrella):
        template = services.template_publish(
            organisation=umbrella,
            actor=umbrella_admin,
            **_form_fields(template_post(max_journalists=2)),
        )
    council = testing.make_council()
    with scope(organisation=personas.org_a):
        visit = testing.make_visit(
            personas.org_a, personas.editor, template=template, theme="Leefbare wijken"
        )
        # The method's example group: an MP, entourage, local politicians, a journalist.
        for index in range(7):
            person = testing.make_public_person(
                f"Raadslid{index}", "council_member", council.council
            )
            services.guest_add(visit=visit, actor=None, person=person)
        for name in ("Journalist 1", "Journalist 2"):
            services.guest_add_named(visit=visit, actor=None, name=name, kind="journalist")
        rows = selectors.guest_rows(visit)
        codes = {f.code for f in selectors.composition_findings(visit, rows, [])}
    assert "size" not in codes and "journalists" not in codes  # 9 of 10, 2 of 2
    with scope(organisation=personas.org_a):
        services.guest_add_named(visit=visit, actor=None, name="Journalist 3", kind="journalist")
        services.guest_add_named(visit=visit, actor=None, name="Assistent", kind="entourage")
        rows = selectors.guest_rows(visit)
        codes = {f.code for f in selectors.composition_findings(visit, rows, [])}
    assert {"size", "journalists"} <= codes


def _form_fields(data):
    from werkbezoek.umbrella.forms import TemplateForm

    form = TemplateForm(data)
    assert form.is_valid(), form.errors
    return form.template_fields()


def test_a_new_version_leaves_visits_alone_until_the_member_adopts_it(client_as, personas, koepel):
    umbrella, umbrella_admin, link = koepel
    publish(client_as(umbrella_admin))
    first = _published(umbrella)
    member = client_as(personas.editor)
    _plan(member, first)
    version_url = reverse("umbrella:template-version", args=["woonkoepel", first.pk])
    changed = template_post(max_visitors=12, task_1_step=6, task_1_title="Verslag naar de koepel")
    changed |= {"task_1_days": 7}
    assert client_as(umbrella_admin).post(version_url, changed).status_code == 302
    second = _published(umbrella)
    assert second.version == 2 and second.code == first.code
    with scope(organisation=personas.org_a):
        visit = Visit.objects.get()
    assert visit.template == first  # nothing changed silently

    detail = client_as(personas.editor).get(reverse("visits:detail", args=["welzijn-a", visit.pk]))
    assert (
        "Koepel van woningcorporaties heeft versie 2 van dit sjabloon gepubliceerd" in detail.text
    )
    assert f"{first.name} (versie 1, Koepel van woningcorporaties)" in detail.text
    adopt = reverse("visits:template-adopt", args=["welzijn-a", visit.pk])
    client_as(personas.editor).post(adopt, {"template": second.pk})
    with scope(organisation=personas.org_a):
        visit.refresh_from_db()
        assert visit.template == second
        titles = list(visit.tasks.exclude(title="").values_list("title", flat=True))
    assert sorted(titles) == ["Uitnodiging ook naar de koepel sturen", "Verslag naar de koepel"]
    # Going back to an older version is not a choice; the same one again is refused.
    assert client_as(personas.editor).post(adopt, {"template": first.pk}).status_code == 404
    response = client_as(personas.editor).post(adopt, {"template": second.pk}, follow=True)
    assert "geen nieuwere versie" in response.text


def test_templates_go_with_the_membership_and_visits_stay(client_as, personas, koepel):
    umbrella, umbrella_admin, link = koepel
    publish(client_as(umbrella_admin))
    template = _published(umbrella)
    _plan(client_as(personas.editor), template)
    # Not a member: another organisation cannot see or use the template.
    outsider = client_as(personas.outsider)
    assert (
        outsider.get(reverse("umbrella:template", args=["natuur-b", template.pk])).status_code
        == 404
    )
    with scope(organisation=personas.org_b):
        assert template not in selectors.templates_to_choose(personas.org_b)
    # The membership ends: the template is gone from the member's choices at once...
    with scopes_disabled():
        umbrellas.umbrella_end(organisation=umbrella, actor=umbrella_admin, link=link)
    member = client_as(personas.editor)
    assert (
        member.get(reverse("umbrella:template", args=["welzijn-a", template.pk])).status_code == 404
    )
    assert _plan(member, template, submission="t-2").status_code == 200  # not a choice
    # ...and the visit planned with it keeps its version, its tasks and its page.
    with scope(organisation=personas.org_a):
        visit = Visit.objects.get()
        assert visit.template == template
    page = member.get(reverse("visits:detail", args=["welzijn-a", visit.pk]))
    assert page.status_code == 200 and "Werkbezoek woningcorporatie" in page.text
    # A version published after the membership ended is not offered to a former member.
    version_url = reverse("umbrella:template-version", args=["woonkoepel", template.pk])
    response = client_as(umbrella_admin).post(version_url, template_post(max_visitors=12))
    assert response.status_code == 302 and _published(umbrella).version == 2
    page = client_as(personas.editor).get(reverse("visits:detail", args=["welzijn-a", visit.pk]))
    assert page.status_code == 200 and "van dit sjabloon gepubliceerd" not in page.text


def test_the_template_form_explains_what_is_wrong(client_as, koepel):
    _umbrella, umbrella_admin, _link = koepel
    client = client_as(umbrella_admin)
    response = publish(
        client,
        invitation_text="{{ aanhef }}, {{ praktisch }}",
        min_minutes=200,
        max_minutes=300,
        block_1_title="",
        task_2_title="Alleen een tekst",
    )
    assert response.status_code == 200
    text = response.text
    assert "praktisch" in text and "Zorg ervoor dat deze waarde hoogstens 240 is" in text
    assert "Geef dit onderdeel een soort, een titel en minuten." in text
    assert "Geef deze taak een stap, een tekst en een dag." in text
    with scopes_disabled():
        assert not ProgrammeTemplate.objects.exclude(organisation=None).exists()


def test_a_newer_version_without_ratings_withdraws_them(client_as, personas, koepel):
    umbrella, umbrella_admin, _link = koepel
    client = client_as(umbrella_admin)
    publish(client)
    first = _published(umbrella)
    changed = template_post()
    changed.pop("rating_pledge_network")
    client.post(reverse("umbrella:template-version", args=["woonkoepel", first.pk]), changed)
    with scope(organisation=personas.org_a):
        pledge = ratings_of(personas.org_a)["pledge"]
    assert "umbrella" not in pledge  # back to the catalogue's indicative ratings
