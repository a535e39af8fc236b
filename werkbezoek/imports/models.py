from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkbezoek.organisations.scoping import OrganisationScopedManager


class ImportJob(models.Model):
    """A completed upload: what file, by whom, how many rows created or updated."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="imports"
    )
    filename = models.CharField(_("file"), max_length=255)
    created = models.PositiveIntegerField(_("added"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    imported_at = models.DateTimeField(default=timezone.now)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self):
        return self.filename
