from django.contrib.auth.password_validation import MinimumLengthValidator as BaseValidator
from django.utils.translation import ngettext


class MinimumLengthValidator(BaseValidator):
    """Django's validator with our own (translated) wording; Django 6.1's Dutch lacks it."""

    def get_error_message(self):
        return ngettext(
            "This password is too short. Use at least %(min_length)d character.",
            "This password is too short. Use at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self):
        return ngettext(
            "Your password must contain at least %(min_length)d character.",
            "Your password must contain at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}
