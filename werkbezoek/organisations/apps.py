from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "werkbezoek.organisations"
    verbose_name = _("Organisations")

    def ready(self):
        from werkbezoek.accounts import second_factor, validators

        from . import checks  # noqa: F401  (registers the scoped-manager system check)
        from .access import memberships_of

        # A password may not contain the name of one's own organisation.
        validators.organisation_names_of = lambda user: [
            membership.organisation.name for membership in memberships_of(user)
        ]
        # Administrators of an organisation log in with a second factor.
        second_factor.is_organisation_admin = lambda user: any(
            membership.is_admin for membership in memberships_of(user)
        )
