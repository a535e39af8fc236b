"""Reference data: the public sector's fixed points, the same for every organisation.

Provinces, municipalities, councils and other bodies, parties and their groups, elections
and recesses. Loaded from public files by the loaders in this app (and read-only to users).
The tables kept the names of the apps they came from (people, actions).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Province(models.Model):
    code = models.CharField(_("CBS code"), max_length=4, unique=True)  # PV27
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        db_table = "people_province"  # the table kept its name when the model moved here
        ordering = ["name"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self):
        return self.name


class Municipality(models.Model):
    code = models.CharField(_("CBS code"), max_length=6, unique=True)  # GM0363
    name = models.CharField(_("name"), max_length=100)
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="municipalities",
        verbose_name=_("province"),
    )
    start_date = models.DateField(_("exists since"), null=True, blank=True)

    class Meta:
        db_table = "people_municipality"  # the table kept its name when the model moved here
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name


class Party(models.Model):
    """A political party as registered for an election (reference data)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=40, blank=True)

    class Meta:
        db_table = "people_party"  # the table kept its name when the model moved here
        ordering = ["name"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")

    def __str__(self):
        return self.abbreviation or self.name


class Body(models.Model):
    """A council, executive or parliament (reference data)."""

    class Kind(models.TextChoices):
        COUNCIL = "council", _("Municipal council")
        EXECUTIVE = "executive", _("Municipal executive")
        PARLIAMENT = "parliament", _("House of Representatives")
        SENATE = "senate", _("Senate")
        PROVINCIAL_COUNCIL = "provincial_council", _("Provincial council")
        COMMITTEE = "committee", _("Parliamentary committee")
        OTHER = "other", _("Other")

    code = models.CharField(_("code"), max_length=40, unique=True)  # TK, GR-GM0106
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bodies",
        verbose_name=_("municipality"),
    )

    class Meta:
        db_table = "people_body"  # the table kept its name when the model moved here
        ordering = ["name"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")

    def __str__(self):
        return self.name


class PartyGroup(models.Model):
    """A party's group ("fractie") in one body, under the label used there."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="party_groups")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="groups")
    name = models.CharField(_("name"), max_length=200)
    # The group's seats in the body, with the day and the source that said so: a count
    # from a register is a dated claim, not a timeless fact.
    seats = models.PositiveSmallIntegerField(_("seats"), null=True, blank=True)
    seats_date = models.DateField(_("seats on"), null=True, blank=True)
    seats_source = models.CharField(_("source of the seats"), max_length=200, blank=True)

    class Meta:
        db_table = "people_partygroup"  # the table kept its name when the model moved here
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["body", "name"], name="one_group_label_per_body")
        ]
        verbose_name = _("party group")
        verbose_name_plural = _("party groups")

    def __str__(self):
        return self.name

    @property
    def label_with_body(self):
        """'VVD — Gemeenteraad Assen': every council has its own VVD group."""
        return f"{self.name} — {self.body.name}"


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
        db_table = "actions_election"  # the table kept its name when the model moved here
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
        db_table = "actions_recess"  # the table kept its name when the model moved here
        ordering = ["start_date"]
        verbose_name = _("recess")
        verbose_name_plural = _("recesses")

    def __str__(self):
        return self.name
