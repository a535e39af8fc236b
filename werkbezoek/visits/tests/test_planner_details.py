"""Planner details found while trying the documents issue: a new block goes before the
closing block, refused edits are announced, no duplicate ids, no empty radio choice."""

import re
from collections import Counter

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from werkbezoek.visits import services
from werkbezoek.visits.forms import VisitForm
from werkbezoek.visits.models import ProgrammeBlock

pytestmark = pytest.mark.django_db


def url(name, visit, *args):
    return reverse(f"visits:{name}", args=["welzijn-a", visit.pk, *args])


def test_a_new_block_goes_before_the_closing_block(personas, visit, in_a):
    services.block_add(visit=visit, actor=None, kind="tour", title="Extra rondje", minutes=10)
    kinds = list(visit.blocks.order_by("position").values_list("kind", "title"))
    assert kinds[-1][0] == ProgrammeBlock.Kind.CLOSING
    assert kinds[-2] == ("tour", "Extra rondje")


def test_a_refused_block_edit_is_announced_not_silent(client_as, personas, visit):
    client = client_as(personas.editor)
    with scopes_disabled():
        block = visit.blocks.first()
    response = client.post(
        url("block", visit, block.pk),
        {f"b{block.pk}-kind": "tour", f"b{block.pk}-title": "", f"b{block.pk}-minutes": "9999"},
        headers={"HX-Request": "true"},
    )
    assert 'role="alert"' in response.text and "is niet opgeslagen" in response.text
    response = client.post(
        url("block-add", visit),
        {"kind": "tour", "title": "", "minutes": "9999"},
        headers={"HX-Request": "true"},
    )
    assert 'role="alert"' in response.text and "Het blok is niet toegevoegd" in response.text
    with scopes_disabled():
        assert not visit.blocks.filter(minutes=9999).exists()


@pytest.mark.parametrize("page", ["guests", "invitation", "answers", "dates", "programme"])
def test_pages_have_no_duplicate_ids(client_as, personas, visit, people, page):
    with scope(organisation=personas.org_a):
        services.guest_add(visit=visit, actor=None, person=people["mp"])
    html = client_as(personas.editor).get(url(page, visit)).text
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    assert [name for name, count in ids.items() if count > 1] == []


def test_a_radio_list_has_no_make_a_choice_line(personas):
    with scope(organisation=personas.org_a):
        form = VisitForm()
    for name in ("kind", "goal_type", "party_mix"):
        assert "" not in [value for value, _label in form.fields[name].choices], name
