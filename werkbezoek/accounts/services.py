"""Writes to a user's own account settings."""

from django.db import transaction


@transaction.atomic
def daily_digest_set(*, user, enabled: bool):
    """Switch the daily reminder mail on or off for this user, in every organisation."""
    user.daily_digest = enabled
    user.save(update_fields=["daily_digest"])
    return user
