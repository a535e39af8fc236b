"""The demo shows the whole flow: one visit being planned and one held."""

from io import StringIO

from django.core.management import call_command
from django_scopes import scope

from werkbezoek.operations.demo import load_demo
from werkbezoek.organisations.models import Organisation
from werkbezoek.visits.letter import salutation_for
from werkbezoek.visits.models import Status, Visit


def test_demo_has_a_visit_being_planned_and_one_held(db):
    call_command("load_reference_data", stdout=StringIO())
    load_demo()
    load_demo()  # a second run adds nothing
    assen = Organisation.objects.get(slug="welzijn-assen")
    with scope(organisation=assen):
        # The two visits of the organisation's own, and the one planned with its umbrella
        # body's template (umbrella.demo), shared with it like the planned one.
        planned, held, with_template = Visit.objects.order_by("created_at")
        assert Visit.objects.count() == 3
        assert with_template.template.organisation.slug == "netwerk-buurt"
        assert with_template.shared_with_umbrella and planned.shared_with_umbrella
        assert planned.status == Status.INVITED
        assert planned.guests.count() == 3 and planned.blocks.count() == 5
        options = list(planned.date_options.all())
        assert len(options) == 3 and all(option.reasons for option in options)
        # The demo council calendar blocks days; no option falls on one of them.
        busy = {m.starts_at.date() for m in assen.calendar_feeds.get().meetings.all()}
        assert busy and not busy & {option.date for option in options}
        # Ticked by hand (homework) and by themselves: the goal written, the invitations
        # sent, and with them the notice that a photographer comes.
        done = set(planned.tasks.filter(done_at__isnull=False).values_list("code", flat=True))
        assert done == {"goal", "homework", "invite", "media-notice"}
        assert held.status == Status.FOLLOWED_UP and held.date is not None
        # Followed up for real: thank-you, report with evaluation, photo, promises, next contact.
        assert held.thank_you_sent_at and held.report.ratings["network"] == 4
        assert held.photos.count() == 1
        assert sorted(held.commitments.values_list("status", flat=True)) == ["kept", "open"]
        assert held.tasks.get(guest__isnull=False).done_at is None
        assert [c.to_status for c in held.status_changes.all()][-1] == Status.FOLLOWED_UP
        # The letters address the (fictional) guests as a Dutch organisation writes.
        alderman = planned.guests.get(person__family_name="Zuidema").person
        assert salutation_for(alderman) == "Geachte heer Zuidema"
