"""The page header is written out in Python (templatetags/site_header.py): its links are
those reverse() gives, under a URL prefix too, and every name in it is escaped."""

import re

import pytest
from django.urls import reverse, set_script_prefix

from werkbezoek.lib.urls import cached_url
from werkbezoek.organisations.models import Organisation, Role
from werkbezoek.testing import add_member, make_organisation, make_user

MENU = [
    "organisations:dashboard",
    "actions:choose",
    "visits:list",
    "people:register",
    "umbrella:overview",
    "visits:commitments",
    "organisations:profile",
    "organisations:members",
]


def header(html):
    return html[html.index('<header class="site-header">') : html.index("</header>")]


def test_the_header_links_where_reverse_links_and_marks_where_you_are(client_as, db):
    umbrella = make_organisation(
        "koepel-x", 'Koepel & <Wijk> "Samen"', kind=Organisation.Kind.UMBRELLA
    )
    other = make_organisation("welzijn-y", "Welzijn Y")
    user = make_user("koepel@x.example", "<b>Kees</b> Koepel")
    add_member(umbrella, user, Role.ADMIN)
    add_member(other, user, Role.READER)
    client = client_as(user)

    shown = header(client.get(reverse("people:register", args=["koepel-x"])).text)
    links = re.findall(r'<a href="([^"]+)"', shown)
    for name in MENU:
        assert reverse(name, args=["koepel-x"]) in links
    assert reverse("organisations:dashboard", args=["welzijn-y"]) in links
    assert (
        f'<a href="{reverse("people:register", args=["koepel-x"])}" aria-current="page">' in shown
    )
    assert "Koepel &amp; &lt;Wijk&gt; &quot;Samen&quot;" in shown and "<Wijk>" not in shown
    assert "&lt;b&gt;Kees&lt;/b&gt;" in shown and "<b>" not in shown
    assert "(lezer)" in shown and "Systeembeheer" not in shown
    assert (
        'name="csrfmiddlewaretoken"' in shown
        and 'name="next" value="/o/koepel-x/relaties/"' in shown
    )

    plain = header(client.get(reverse("organisations:dashboard", args=["welzijn-y"])).text)
    assert reverse("umbrella:overview", args=["welzijn-y"]) not in plain  # umbrellas only


def test_an_anonymous_visitor_gets_the_brand_and_the_language_switch(client, db):
    shown = header(client.get(reverse("accounts:login")).text)
    assert '<a class="brand" href="/">' in shown and 'value="en"' in shown
    assert "user-menu" not in shown and "org-nav" not in shown


@pytest.mark.parametrize("slug", [None, "welzijn-a"])
def test_header_urls_follow_the_url_prefix(slug):
    args = [slug] if slug else []
    name = "people:register" if slug else "accounts:reminders"
    try:
        set_script_prefix("/werkbezoek/")
        assert cached_url(name, slug) == reverse(name, args=args)
        assert cached_url(name, slug).startswith("/werkbezoek/")
    finally:
        set_script_prefix("/")
    assert cached_url(name, slug) == reverse(name, args=args)


def test_object_urls_follow_the_url_prefix():
    try:
        set_script_prefix("/werkbezoek/")
        assert cached_url("visits:guests", "welzijn-a", 42) == reverse(
            "visits:guests", args=["welzijn-a", 42]
        )
        assert cached_url("visits:guests", "welzijn-a", 42).startswith("/werkbezoek/")
    finally:
        set_script_prefix("/")
    assert cached_url("documents:list", "w-b", 7) == reverse("documents:list", args=["w-b", 7])
