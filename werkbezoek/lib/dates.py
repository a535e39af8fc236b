import datetime


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` earlier (clamped to the 28th, so every month has it)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return datetime.date(year, month + 1, min(day.day, 28))


# Every date a user or a file can give lies in these years; outside them it is a typing
# error (9999-12-31, 0001-01-01) that would break date arithmetic and calendar pages.
EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2100, 12, 31)


def sane_date(value) -> None:
    """Validator: refuse a date outside 1900–2100 with a Dutch message."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    day = value.date() if isinstance(value, datetime.datetime) else value
    if day is not None and not (EARLIEST <= day <= LATEST):
        raise ValidationError(
            _("Enter a date between %(first)s and %(last)s.")
            % {"first": EARLIEST.year, "last": LATEST.year},
            code="date_out_of_range",
        )
