"""The political calendar (reference data): elections, installations of a new parliament,
and parliamentary recesses. The rating framework for actions will live here too."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Election(models.Model):
    class Kind(models.TextChoices):
        ELECTION = "election", _("Election")
        INSTALLATION = "installation", _("Installation of the new parliament")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    code = models.CharField(_("code"), max_length=40)  # GR2026, TK2025
    name = models.CharField(_("name"), max_length=200)
    date = models.DateField(_("date"), null=True, blank=True)  # unknown yet: NULL
    note = models.TextField(_("note"), blank=True)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "code"], name="one_entry_per_kind_and_code")
        ]
        verbose_name = _("election")
        verbose_name_plural = _("elections")

    def __str__(self):
        return self.name


class Recess(models.Model):
    """Days without parliamentary meetings: a good time to invite MPs for a visit."""

    class Kind(models.TextChoices):
        RECESS = "recess", _("Recess")
        NO_MEETINGS = "no_meetings", _("Day without meetings")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200, unique=True)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    note = models.TextField(_("note"), blank=True)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        ordering = ["start_date"]
        verbose_name = _("recess")
        verbose_name_plural = _("recesses")

    def __str__(self):
        return self.name
