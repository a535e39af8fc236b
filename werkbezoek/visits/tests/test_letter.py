"""The invitation letter: one Letter, three renderings (HTML mail, text mail, preview) that
carry the same facts, and a letter that reads as written to this person."""

import datetime
import html
import re

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_scopes import scope, scopes_disabled

from werkbezoek import testing
from werkbezoek.people.models import Position
from werkbezoek.visits import letter, selectors, services

from .conftest import days_ahead


def _letter(visit, guest, sender):
    return selectors.letter_for(selectors.letter_context(visit, sender=sender), guest)


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
        made = selectors.letter_for(
            selectors.letter_context(visit, sender=personas.editor),
            guest,
            answer_url="https://werkbezoek.example/antwoord/abc/",
        )
        context = {"visit": visit, "letter": made}
        text = render_to_string("visits/emails/invitation-body.txt", context)
        page = html.unescape(
            re.sub(r"<[^>]+>", " ", render_to_string("visits/emails/invitation-body.html", context))
        )
    for fact in made.facts():
        assert fact in text, fact
        assert " ".join(fact.split()) in " ".join(page.split()), fact
    for expected in ("0592 123 456", "Gastvrouw Gea ontvangt u", "Gids Gijs", "journalist"):
        assert expected in text and expected in page


def test_the_letter_is_written_to_this_person_in_their_current_role(personas, visit, places):
    alderman = testing.make_public_person(
        "Hoekstra",
        "alderman",
        places["executive"],
        given_name="Marleen",
        salutation="Geachte mevrouw Hoekstra",
    )
    with scopes_disabled():  # public positions, as a loader writes them
        Position.objects.filter(person=alderman).update(
            portfolio="Zorg en Welzijn",
            start_date=timezone.localdate() - datetime.timedelta(days=40),
        )
    member = testing.make_public_person(
        "Bouzid", "council_member", places["council"], salutation="Geachte heer Bouzid"
    )
    with scope(organisation=personas.org_a):
        visit.theme = "gezonde schoolomgeving"
        visit.save()
        guest = services.guest_add(visit=visit, actor=None, person=alderman)
        services.guest_add(visit=visit, actor=None, person=member)
        services.guest_add_named(visit=visit, actor=None, name="Jan Pers", kind="journalist")
        testing.ready_to_invite(visit, options=[days_ahead(20), days_ahead(27)])
        for minutes, title in ((30, "Rondleiding"), (140, "Lange sessie")):
            services.block_add(visit=visit, actor=None, kind="tour", title=title, minutes=minutes)
        made = _letter(visit, guest, personas.editor)
        total = sum(block.minutes for block in visit.blocks.all())
    text = "\n".join(made.facts())
    assert made.paragraphs[0] == "Geachte mevrouw Hoekstra,"
    assert (
        "gefeliciteerd met uw nieuwe functie als wethouder van Zorg en Welzijn in Testassen" in text
    )
    assert "Als wethouder van Zorg en Welzijn in Testassen bent u betrokken" in text
    assert "gezonde schoolomgeving" in text and "Behoud de subsidie" in text
    assert "Wethouder in de schooltuin" not in text  # the internal title stays internal
    assert ("Duur:", f"ongeveer {total} minuten") in made.practical
    assert f"In totaal ongeveer {total} minuten." in made.programme
    assert len(made.dates) == 2 and "welke data u schikken" in made.reply
    assert "A. Bouzid, lid van de gemeenteraad van Testassen" in made.who
    assert "Jan Pers, journalist (pers)" in made.who
    assert "Gastvrouw Gea ontvangt u en leidt het bezoek" in made.who
    assert made.subject == "Uitnodiging werkbezoek Welzijn A: gezonde schoolomgeving"


def test_politicians_in_the_same_role_are_named_on_one_line(personas, visit):
    """A letter to one of four council members names the other three together, and the
    alderman with her own role; journalists after the politicians."""
    places = testing.make_council("GM9197", "Testveen")
    council, executive = places.council, places.executive
    members = [
        testing.make_public_person(name, "council_member", council)
        for name in ("Aydin", "Bakker", "Çelik", "De Vries")
    ]
    alderman = testing.make_public_person("Hoekstra", "alderman", executive)
    with scope(organisation=personas.org_a):
        guest = services.guest_add(visit=visit, actor=None, person=members[0])
        services.guest_add_named(visit=visit, actor=None, name="Jan Pers", kind="journalist")
        for person in [*members[1:], alderman]:
            services.guest_add(visit=visit, actor=None, person=person)
        made = _letter(visit, guest, personas.editor)
    assert made.who[-3:] == [
        "Ook uitgenodigd als lid van de gemeenteraad van Testveen: "
        "A. Bakker, A. Çelik en A. De Vries",
        "A. Hoekstra, wethouder van Testveen",
        "Jan Pers, journalist (pers)",
    ]


def test_no_congratulation_for_an_old_role_and_no_date_question_for_a_fixed_date(
    personas, visit, people
):
    with scope(organisation=personas.org_a):
        guest = services.guest_add(visit=visit, actor=None, person=people["member"])
        testing.ready_to_invite(visit, date=days_ahead(30))
        made = _letter(visit, guest, personas.editor)
    text = "\n".join(made.facts())
    assert "gefeliciteerd" not in text  # in office since 2022
    assert made.dates == [] and "of u erbij kunt zijn" in made.reply
    assert "welke data" not in text
    assert made.paragraphs[0] == "Geachte A. Raadslid,"  # no salutation in the register


def test_an_empty_placeholder_drops_its_paragraph_and_a_wrong_one_is_refused(
    personas, visit, people
):
    assert letter.fill("{{ aanhef }},\n\n{{ felicitatie }}\n\nTekst.", {"aanhef": "Beste Jan"}) == [
        "Beste Jan,",
        "Tekst.",
    ]
    assert letter.unknown_placeholders("{{ aanhef }} {{ naaam }} {{ }}") == ["naaam", "{{ }}"]
    assert letter.unknown_placeholders("Tekst met {{ haakjes") == ["{{ … }}"]
    with scope(organisation=personas.org_a):
        with pytest.raises(ValidationError, match="naaam"):
            services.visit_letter_save(
                visit=visit, actor=None, text="{{ naaam }}", contact=None, involvement=""
            )
        services.letter_template_save(
            organisation=personas.org_a,
            actor=None,
            text="{{ aanhef }},\n\nWij van {{ organisatie }} nodigen u uit.",
            salutation="personal",
        )
        guest = services.guest_add(visit=visit, actor=None, person=people["member"])
        people["member"].given_name = "Rob"
        people["member"].save()
        made = _letter(visit, guest, personas.editor)
    assert made.paragraphs == ["Beste Rob,", "Wij van Welzijn A nodigen u uit."]
