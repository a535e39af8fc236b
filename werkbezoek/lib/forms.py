from django import forms
from django.core.exceptions import ValidationError

# The largest id any table can hold (a 64-bit integer).
LARGEST_ID = 2**63 - 1


def id_from(text) -> int | None:
    """A row id typed in a query string or form, or None: not a number, or too large for
    any row (SQLite cannot even be asked about 999…999)."""
    text = str(text or "").strip()
    return int(text) if text.isdecimal() and int(text) <= LARGEST_ID else None


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, but a forged id too large for the database ("999…999") is refused
    as an invalid choice instead of crashing the query on SQLite."""

    def _check_values(self, value):
        for item in value:
            text = str(item).strip()
            if text.lstrip("-").isdecimal() and abs(int(text)) > LARGEST_ID:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": text[:20]},
                )
        return super()._check_values(value)
