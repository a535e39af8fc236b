"""Texts of Django 6.1 that its own Dutch catalogue does not translate yet.

Listed here so `makemessages` keeps their Dutch translations in our catalogue, which
Django consults first (LOCALE_PATHS). Remove a line once Django ships the translation.
"""

from django.utils.translation import gettext_noop

MISSING_IN_DJANGO_NL = [
    gettext_noop("- Select an option -"),  # BLANK_CHOICE_LABEL of every select
]
