"""The daily reminder: one e-mail per colleague, only when something is due for them — their
commitments falling due, overdue tasks, guests who have not answered, visits still waiting
for their follow-up two working days on, and key relationships without contact. Read once
per organisation (a fixed number of queries), then shared out per colleague."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation

from werkbezoek.mail.services import email_queue
from werkbezoek.organisations.models import Membership
from werkbezoek.people.selectors import stale_key_relationships
from werkbezoek.visits.models import Commitment, Guest, Status, Visit
from werkbezoek.visits.scheduling import add_working_days
from werkbezoek.visits.selectors import tasks_still_open

from .models import DigestSent, PlanTask

DUE_SOON_DAYS = 7
ANSWER_WAIT_DAYS = 7  # a guest invited a week ago without an answer gets a reminder
FOLLOW_UP_WORKING_DAYS = 2
STALE_LISTED = 10  # the most influential first; a mail is no place for a long list
SEND_FROM_HOUR = 7  # the morning run; earlier runs of the hourly job send nothing yet


@dataclass
class Digest:
    commitments: list = field(default_factory=list)
    tasks: list = field(default_factory=list)  # (due date, label, visit or plan title)
    unanswered: list = field(default_factory=list)
    no_follow_up: list = field(default_factory=list)
    stale: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(
            len(part)
            for part in (
                self.commitments,
                self.tasks,
                self.unanswered,
                self.no_follow_up,
                self.stale,
            )
        )


def _responsible(visit, membership) -> bool:
    """Who a visit's reminders go to: its contact person, else whoever made it."""
    if visit.contact_id is not None:
        return visit.contact_id == membership.pk
    return visit.created_by_id == membership.user_id


def digests(organisation, today: datetime.date, memberships=None) -> dict[int, Digest]:
    """{membership id: Digest} for every colleague (empty digests included)."""
    if memberships is None:
        memberships = list(Membership.objects.select_related("user"))
    result = {membership.pk: Digest() for membership in memberships}
    by_user = {membership.user_id: membership for membership in memberships}

    for item in (
        Commitment.objects.filter(
            status=Commitment.Status.OPEN,
            due_on__lte=today + datetime.timedelta(days=DUE_SOON_DAYS),
        )
        .prefetch_related("people")
        .order_by("due_on", "pk")
    ):
        owner = item.owner_id or getattr(by_user.get(item.created_by_id), "pk", None)
        if owner in result:
            result[owner].commitments.append(item)

    tasks = tasks_still_open().filter(due_on__lt=today).select_related("visit", "guest")
    for task in tasks:
        for membership in memberships:
            mine = task.assignee_id == membership.pk
            unassigned_mine = task.assignee_id is None and _responsible(task.visit, membership)
            if mine or unassigned_mine:
                result[membership.pk].tasks.append((task.due_on, task.label, task.visit.title))
    for plan_task in PlanTask.objects.filter(done_at__isnull=True, due_on__lt=today).select_related(
        "plan"
    ):
        owner = plan_task.assignee_id or getattr(
            by_user.get(plan_task.plan.created_by_id), "pk", None
        )
        if owner in result:
            result[owner].tasks.append((plan_task.due_on, plan_task.title, plan_task.plan.title))

    waiting_since = timezone.now() - datetime.timedelta(days=ANSWER_WAIT_DAYS)
    for guest in Guest.objects.filter(
        kind=Guest.Kind.GUEST,
        rsvp=Guest.Rsvp.PENDING,
        visit__status=Status.INVITED,
        invitation__sent_at__lt=waiting_since,
    ).select_related("visit", "person"):
        for membership in memberships:
            if _responsible(guest.visit, membership):
                result[membership.pk].unanswered.append(guest)

    held_before = add_working_days(today, -FOLLOW_UP_WORKING_DAYS)
    for visit in Visit.objects.filter(status=Status.HELD, date__lte=held_before).filter(
        Q(thank_you_sent_at__isnull=True) | Q(report__isnull=True)
    ):
        for membership in memberships:
            if _responsible(visit, membership):
                result[membership.pk].no_follow_up.append(visit)

    # Key relationships: stance and influence are assessments, only for who may see them.
    for membership in memberships:
        if membership.sees_assessments:
            result[membership.pk].stale = stale_key_relationships(
                organisation, today, owner=membership, limit=STALE_LISTED
            )

    for digest in result.values():
        digest.tasks.sort(key=lambda task: task[0])
    return result


def digests_send(organisation, today: datetime.date) -> int:
    """Mail each colleague who wants it their digest, once a day; returns how many went."""
    sent = 0
    base_url = settings.WERKBEZOEK_SITE_URL
    memberships = list(Membership.objects.select_related("user"))
    users = {membership.pk: membership.user for membership in memberships}
    for membership_id, digest in digests(organisation, today, memberships).items():
        user = users[membership_id]
        if not digest.count or not user.daily_digest or not user.is_active:
            continue
        try:
            with transaction.atomic():
                # The row first: a second run (or a second worker) stops here.
                DigestSent.objects.create(
                    organisation=organisation, user=user, day=today, items=digest.count
                )
                with translation.override("nl"):
                    email_queue(
                        to=user.email,
                        template="actions/emails/digest",
                        context={
                            "organisation": organisation,
                            "digest": digest,
                            "today": today,
                            "home_url": f"{base_url}/o/{organisation.slug}/",
                            "settings_url": f"{base_url}/account/herinneringen/",
                        },
                        from_name=organisation.name,
                        organisation_pk=organisation.pk,
                        topic=f"actions.digest:{today.isoformat()}",
                    )
        except IntegrityError:
            continue  # already sent today
        sent += 1
    return sent


def morning(now=None) -> datetime.date | None:
    """Today's date once the morning has come (Amsterdam time), else None."""
    now = timezone.localtime(now)
    return now.date() if now.hour >= SEND_FROM_HOUR else None
