"""Create forms that create once (see models.FormSubmission).

A create form carries a fresh random token (`SubmissionField`). The service that creates
calls `remember` in its own transaction; a second post of the same form then fails on the
token's unique constraint, its transaction is rolled back, and the view asks `previous`
for what the first post made."""

import secrets

from django import forms

from .models import FormSubmission
from .scoping import current_organisation


class SubmissionField(forms.CharField):
    """A hidden, fresh token per rendered form."""

    def __init__(self, **kwargs):
        super().__init__(
            widget=forms.HiddenInput,
            required=False,
            max_length=64,
            initial=lambda: secrets.token_hex(16),
            **kwargs,
        )


def remember(*, token: str, target) -> None:
    """Record that this form made `target`; raises IntegrityError if it was posted before."""
    if token:
        FormSubmission.objects.create(
            organisation=current_organisation(),
            token=token,
            object_type=target._meta.label_lower,
            object_id=target.pk,
        )


def previous(token: str) -> int | None:
    """The id of what an earlier post of this form made, if any."""
    if not token:
        return None
    found = FormSubmission.objects.filter(token=token).values_list("object_id", flat=True)
    return found.first()
