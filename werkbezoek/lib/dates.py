import datetime


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` earlier (clamped to the 28th, so every month has it)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return datetime.date(year, month + 1, min(day.day, 28))
