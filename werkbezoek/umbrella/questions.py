"""Questions from a member to its umbrella body. Reads go through these selectors from the
current organisation's side, so a thread is seen by its two parties only; writes are
atomic, leave an audit entry on both sides and e-mail the other side."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkbezoek.mail.services import email_queue
from werkbezoek.organisations import audit, umbrellas
from werkbezoek.organisations.models import Membership, Role

from .models import Question, QuestionMessage

QUESTION_ASKED = audit.action("umbrella.question.asked", gettext_lazy("question to the umbrella"))
QUESTION_ANSWERED = audit.action(
    "umbrella.question.message", gettext_lazy("message in a question thread")
)


# --- Reads -----------------------------------------------------------------------------------


def questions_of(organisation) -> list[Question]:
    """The threads this organisation is a party to, as member or as umbrella."""
    return list(
        Question.objects.filter(Q(umbrella=organisation) | Q(member=organisation)).select_related(
            "umbrella", "member"
        )
    )


def question_of(organisation, pk) -> Question | None:
    return (
        Question.objects.filter(pk=pk)
        .filter(Q(umbrella=organisation) | Q(member=organisation))
        .select_related("umbrella", "member", "visit")
        .first()
    )


# --- Writes ----------------------------------------------------------------------------------


def _notify(question: Question, message: QuestionMessage, *, to_umbrella: bool, base_url: str):
    """E-mail the other side: the umbrella's editors, or whoever asked on the member's side
    (else the member's administrators)."""
    side = question.umbrella if to_umbrella else question.member
    memberships = Membership.objects.with_scope(organisation=side).select_related("user")
    if to_umbrella:
        users = [m.user for m in memberships if m.role in (Role.ADMIN, Role.EDITOR)]
    elif question.asked_by is not None and any(
        m.user_id == question.asked_by_id for m in memberships
    ):
        users = [question.asked_by]
    else:
        users = [m.user for m in memberships if m.role == Role.ADMIN]
    url = f"{base_url.rstrip('/')}/o/{side.slug}/koepel/vragen/{question.pk}/"
    for user in users:
        email_queue(
            to=user.email,
            template="umbrella/emails/question",
            context={"question": question, "message": message, "to_umbrella": to_umbrella,
                     "url": url},
            organisation_pk=side.pk,
            topic=f"umbrella.question:{question.pk}",
        )  # fmt: skip


@transaction.atomic
def question_ask(
    *, member, umbrella, actor, subject: str, text: str, base_url: str, visit=None
) -> Question:
    """A member asks its umbrella body something, about one of its visits or in general."""
    if not umbrellas.is_active_member(umbrella=umbrella, member=member):
        raise ValidationError(_("You can only ask an umbrella body your organisation belongs to."))
    if visit is not None and visit.organisation_id != member.pk:
        raise ValidationError(_("Choose one of your own visits."))
    if not subject.strip() or not text.strip():
        raise ValidationError(_("Write a subject and your question."))
    now = timezone.now()
    question = Question.objects.create(
        umbrella=umbrella,
        member=member,
        visit=visit,
        subject=subject.strip(),
        asked_by=actor,
        asked_at=now,
        last_message_at=now,
    )
    message = QuestionMessage.objects.create(
        question=question, from_umbrella=False, author=actor, text=text.strip(), written_at=now
    )
    for side in (member, umbrella):
        audit.record(organisation=side, actor=actor, action=QUESTION_ASKED, target=question)
    _notify(question, message, to_umbrella=True, base_url=base_url)
    return question


@transaction.atomic
def question_reply(
    *, question: Question, organisation, actor, text: str, base_url: str
) -> QuestionMessage:
    """A message in the thread from one of its two parties; the other side gets an e-mail."""
    if organisation.pk not in (question.umbrella_id, question.member_id):
        raise ValidationError(_("This question is not yours."))
    if not text.strip():
        raise ValidationError(_("Write a message."))
    if not umbrellas.is_active_member(umbrella=question.umbrella, member=question.member):
        raise ValidationError(
            _("The membership has ended: this thread can be read, not continued.")
        )
    from_umbrella = organisation.pk == question.umbrella_id
    now = timezone.now()
    message = QuestionMessage.objects.create(
        question=question, from_umbrella=from_umbrella, author=actor, text=text.strip(),
        written_at=now,
    )  # fmt: skip
    question.last_message_at = now
    question.answered = from_umbrella
    question.save(update_fields=["last_message_at", "answered"])
    for side in (question.member, question.umbrella):
        audit.record(organisation=side, actor=actor, action=QUESTION_ANSWERED, target=question)
    _notify(question, message, to_umbrella=not from_umbrella, base_url=base_url)
    return message
