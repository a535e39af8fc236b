from io import StringIO

from django.core.management import call_command
from django_scopes import scopes_disabled

from werkbezoek.accounts.models import User
from werkbezoek.operations.demo import DEMO_PASSWORD, load_demo
from werkbezoek.organisations.models import Membership, Organisation, Role, UmbrellaLink
from werkbezoek.umbrella.models import Question
from werkbezoek.visits.models import CoHost, ProgrammeTemplate


def test_demo_logins_match_the_readme(db):
    call_command("load_reference_data", stdout=StringIO())
    load_demo()
    demo = User.objects.get(email="demo@example.org")
    other = User.objects.get(email="ander@example.org")
    assert demo.check_password(DEMO_PASSWORD) and other.check_password(DEMO_PASSWORD)
    with scopes_disabled():
        roles = {m.organisation.slug: m.role for m in Membership.objects.filter(user=demo)}
        assert roles == {
            "welzijn-assen": Role.ADMIN,
            "schooltuinen-utrecht": Role.READER,
            "netwerk-buurt": Role.ADMIN,  # the demo umbrella body, with both as members
        }
        assert [m.organisation.slug for m in Membership.objects.filter(user=other)] == [
            "schooltuinen-utrecht"
        ]
    assen = Organisation.objects.get(slug="welzijn-assen")
    assert [m.name for m in assen.municipalities.all()] == ["Assen"]


def test_loading_twice_duplicates_nothing(db):
    load_demo()
    load_demo()
    assert Organisation.objects.count() == 3  # two members and their umbrella body
    with scopes_disabled():
        assert Membership.objects.count() == 7
        assert UmbrellaLink.objects.filter(status="active").count() == 2
        assert ProgrammeTemplate.objects.exclude(organisation=None).count() == 1
    question = Question.objects.get()  # a member's question, answered by the umbrella
    assert question.answered and question.messages.count() == 2
    with scopes_disabled():  # the umbrella's dialogue session, co-hosted by both members
        assert CoHost.objects.count() == 2


def test_demo_register_has_fictional_people_with_stances_and_contacts(db):
    from werkbezoek.people.demo import FICTIONAL
    from werkbezoek.people.models import Assessment, Interaction, Person, StanceRecord

    load_demo()
    load_demo()  # a second run adds nothing
    assen = Organisation.objects.get(slug="welzijn-assen")
    with scopes_disabled():
        people = Person.objects.filter(organisation=assen)
        assert people.count() == 7
        # Only invented people carry the organisation's opinions: no public records here.
        assert set(people.values_list("sources", flat=True)) == {FICTIONAL}
        assert not Assessment.objects.filter(person__organisation__isnull=True).exists()
        zuidema = people.get(family_name="Zuidema")
        assert Assessment.objects.get(person=zuidema).stance == "supporter"
        assert StanceRecord.objects.filter(person=zuidema).count() == 2
        # Seven contacts, three invitations by post and one answer through the link.
        assert Interaction.objects.filter(organisation=assen).count() == 11
        from werkbezoek.mail.models import OutgoingEmail
        from werkbezoek.visits.models import GuestInvitation

        assert GuestInvitation.objects.filter(organisation=assen, channel="post").count() == 3
        notice = OutgoingEmail.objects.get(organisation_pk=assen.pk)
        assert "heeft geantwoord" in notice.subject
