"""The demo shows the whole flow: one visit being planned and one held."""

from io import StringIO

from django.core.management import call_command
from django_scopes import scope

from werkbezoek.operations.demo import load_demo
from werkbezoek.organisations.models import Organisation
from werkbezoek.visits.models import Status, Visit


def test_demo_has_a_visit_being_planned_and_one_held(db):
    call_command("load_reference_data", stdout=StringIO())
    load_demo()
    load_demo()  # a second run adds nothing
    assen = Organisation.objects.get(slug="welzijn-assen")
    with scope(organisation=assen):
        planned, held = Visit.objects.order_by("created_at")
        assert Visit.objects.count() == 2
        assert planned.status == Status.INVITED
        assert planned.guests.count() == 3 and planned.blocks.count() == 5
        options = list(planned.date_options.all())
        assert len(options) == 3 and all(option.reasons for option in options)
        # The demo council calendar blocks days; no option falls on one of them.
        busy = {m.starts_at.date() for m in assen.calendar_feeds.get().meetings.all()}
        assert busy and not busy & {option.date for option in options}
        assert planned.tasks.filter(done_at__isnull=False).count() == 2
        assert held.status == Status.FOLLOWED_UP and held.date is not None
        assert [c.to_status for c in held.status_changes.all()][-1] == Status.FOLLOWED_UP
