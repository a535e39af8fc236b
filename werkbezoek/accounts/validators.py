import re

from django.contrib.auth.password_validation import MinimumLengthValidator as BaseValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
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


PRODUCT_WORDS = ("werkbezoek",)

# The names of the organisations a user belongs to; set by the organisations app (which
# sits above accounts) in its AppConfig.ready().
organisation_names_of = None


class ContextWordsValidator:
    """Refuse a password that contains the product's name, a part of the e-mail address, or
    the name of an organisation the person belongs to (or is invited to): the first words
    an attacker tries."""

    def validate(self, password, user=None):
        lowered = "".join(password.lower().split())
        for word in self.words(user):
            if len(word) >= 4 and word in lowered:
                raise ValidationError(
                    _("Your password must not contain “%(word)s”: that is too easy to guess.")
                    % {"word": word},
                    code="password_has_context_word",
                )

    def words(self, user) -> list[str]:
        words = list(PRODUCT_WORDS)
        if user is None:
            return words
        email = (getattr(user, "email", "") or "").lower()
        local, _at, domain = email.partition("@")
        words += re.split(r"[._+-]", local)
        words += domain.split(".")[:-1]  # the domain's names, without "nl" or "org"
        names = list(getattr(user, "organisation_names", []))
        if getattr(user, "pk", None) and organisation_names_of is not None:
            names += organisation_names_of(user)
        for name in names:
            words += re.split(r"\W+", name.lower())
        return [word for word in words if word]

    def get_help_text(self):
        return _(
            "Your password must not contain the name Werkbezoek, your e-mail address or your "
            "organisation's name."
        )
