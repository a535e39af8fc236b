"""The one audit log. Each service that changes something calls `record` once.

Action names are declared where they are used, with their label for the activity page:

    GUEST_REMOVED = audit.action("visits.guest.removed", _("guest removed"))

`record` refuses a name nobody declared, so a typo fails in the tests, not in the log.
"""

from django.db import models

from .models import AuditEntry

ACTIONS: dict[str, str] = {}


def action(name: str, label) -> str:
    """Declare an action name (`<app>.<object>.<what happened>`) with its Dutch label."""
    if ACTIONS.get(name, label) != label:
        raise ValueError(f"Audit action {name!r} is declared twice with different labels.")
    ACTIONS[name] = label
    return name


def record(
    *,
    organisation,
    actor,
    action: str,
    target: models.Model | None = None,
    subject: str = "",
    **data,
) -> AuditEntry:
    if action not in ACTIONS:
        raise ValueError(f"Undeclared audit action {action!r}: declare it with audit.action().")
    return AuditEntry.objects.create(
        organisation=organisation,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=target._meta.label_lower if target is not None else "",
        object_id=target.pk if target is not None else None,
        subject=(subject or (str(target) if target is not None else ""))[:254],
        data=data,
    )


def redact(*, object_type: str, object_ids, tombstone: str) -> int:
    """Replace the readable name on the entries about these objects (an erasure): the log
    keeps what happened and when, not to whom."""
    return (
        AuditEntry.objects.own()
        .filter(object_type=object_type, object_id__in=object_ids)
        .update(subject=tombstone)
    )
