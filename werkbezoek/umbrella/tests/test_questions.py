"""A member asks its umbrella body; the umbrella answers; each side gets an e-mail, and
nobody else sees the thread."""

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from werkbezoek import testing
from werkbezoek.mail.models import OutgoingEmail
from werkbezoek.organisations import umbrellas
from werkbezoek.umbrella.models import Question

pytestmark = pytest.mark.django_db


def test_a_member_asks_and_the_umbrella_answers_by_e_mail(client_as, personas, koepel):
    umbrella, umbrella_admin, link = koepel
    with scope(organisation=personas.org_a):
        visit = testing.make_visit(personas.org_a, personas.editor, title="Bezoek aan de wijk")
    member = client_as(personas.editor)
    page = member.get(reverse("umbrella:questions", args=["welzijn-a"]))
    assert "Koepel van woningcorporaties" in page.text and "Bezoek aan de wijk" in page.text
    response = member.post(
        reverse("umbrella:question-ask", args=["welzijn-a"]),
        {
            "umbrella": umbrella.pk,
            "visit": visit.pk,
            "subject": "Mogen wij twee journalisten uitnodigen?",
            "text": "Een lokale krant en de regionale omroep willen allebei komen.",
        },
    )
    question = Question.objects.get()
    assert response.status_code == 302 and question.visit == visit
    with scopes_disabled():
        to_umbrella = OutgoingEmail.objects.get(to="beheer@koepel.example")
    assert "Vraag van Welzijn A" in to_umbrella.subject
    assert "/o/woonkoepel/koepel/vragen/" in to_umbrella.body_text

    # The umbrella reads it — without the visit's title — and answers.
    staff = client_as(umbrella_admin)
    thread = staff.get(reverse("umbrella:question", args=["woonkoepel", question.pk])).text
    assert "twee journalisten" in thread and "Bezoek aan de wijk" not in thread
    staff.post(
        reverse("umbrella:question-reply", args=["woonkoepel", question.pk]),
        {"text": "Ja, het sjabloon van versie 2 staat er twee toe."},
    )
    question.refresh_from_db()
    assert question.answered
    with scopes_disabled():
        answer = OutgoingEmail.objects.get(to="editor@a.example")
    assert "Antwoord van Koepel van woningcorporaties" in answer.subject
    assert "versie 2 staat er twee toe" in answer.body_text


def test_only_the_two_parties_see_a_thread(client_as, personas, koepel):
    umbrella, umbrella_admin, link = koepel
    question = _asked(personas, umbrella)
    # Another organisation, under its own name or the member's: not found.
    outsider = client_as(personas.outsider)
    for slug in ("natuur-b", "welzijn-a", "woonkoepel"):
        url = reverse("umbrella:question", args=[slug, question.pk])
        assert outsider.get(url).status_code == 404
    assert (
        "Hoeveel gasten" not in outsider.get(reverse("umbrella:questions", args=["natuur-b"])).text
    )


def test_after_the_membership_ends_the_thread_is_read_only(client_as, personas, koepel):
    umbrella, umbrella_admin, link = koepel
    question = _asked(personas, umbrella)
    with scopes_disabled():
        umbrellas.umbrella_end(link=link, organisation=umbrella, actor=umbrella_admin)
    staff = client_as(umbrella_admin)
    url = reverse("umbrella:question", args=["woonkoepel", question.pk])
    assert "kan worden gelezen, niet voortgezet" in staff.get(url).text
    response = staff.post(
        reverse("umbrella:question-reply", args=["woonkoepel", question.pk]),
        {"text": "Toch nog een antwoord"},
        follow=True,
    )
    assert "kan worden gelezen, niet voortgezet" in response.text
    assert question.messages.count() == 1


def test_a_question_needs_a_subject_and_text_and_an_umbrella_of_ones_own(
    client_as, personas, koepel
):
    umbrella, _umbrella_admin, _link = koepel
    client = client_as(personas.outsider)  # Natuur B is no member
    response = client.post(
        reverse("umbrella:question-ask", args=["natuur-b"]),
        {"umbrella": umbrella.pk, "subject": "", "text": ""},
    )
    assert response.status_code == 200 and not Question.objects.exists()


def _asked(personas, umbrella):
    from werkbezoek.umbrella import questions

    return questions.question_ask(
        member=personas.org_a,
        umbrella=umbrella,
        actor=personas.editor,
        subject="Hoeveel gasten?",
        text="Hoeveel gasten mogen er komen?",
        base_url="http://testserver",
    )
