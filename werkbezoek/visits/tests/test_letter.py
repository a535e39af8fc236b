"""One letter, three renderings: the HTML mail, the text mail and the preview carry the
same facts (the text mail used to lack the phone number and the team)."""

import html
import re

from django.template.loader import render_to_string
from django.utils import translation
from django_scopes import scope

from werkbezoek.visits import selectors, services

from .conftest import days_ahead


def test_html_and_text_mail_carry_every_fact_of_the_letter(personas, visit, people):
    organisation = personas.org_a
    organisation.phone = "0592 123 456"
    organisation.contact_email = "info@welzijn-a.example"
    organisation.save()
    with scope(organisation=organisation), translation.override("nl"):
        guest = services.guest_add(visit=visit, actor=None, person=people["alderman"])
        services.team_add(visit=visit, actor=None, role="host", name="Gastvrouw Gea")
        services.team_add(visit=visit, actor=None, role="guide", name="Gids Gijs")
        services.media_update(
            visit=visit,
            actor=None,
            press_present=True,
            photographer_present=False,
            press_release=False,
        )
        services.date_set(visit=visit, actor=None, date=days_ahead(30), start_time=visit.start_time)
        letter = selectors.letter_for(
            selectors.letter_context(visit, sender=personas.editor), guest
        )
        context = {"visit": visit, "letter": letter}
        text = render_to_string("visits/emails/invitation-body.txt", context)
        page = html.unescape(
            re.sub(r"<[^>]+>", " ", render_to_string("visits/emails/invitation-body.html", context))
        )
    for fact in letter.facts():
        assert fact in text, fact
        assert " ".join(fact.split()) in " ".join(page.split()), fact
    for expected in ("0592 123 456", "Gastvrouw Gea ontvangt u", "Gids Gijs", "journalist"):
        assert expected in text and expected in page
