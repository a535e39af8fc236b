from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UmbrellaConfig(AppConfig):
    name = "werkbezoek.umbrella"
    verbose_name = _("Umbrella bodies")
