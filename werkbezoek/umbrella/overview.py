"""The umbrella's overview of its members' shared visits: the filters as a form, and the
schematic map of the provinces (tiles placed roughly as the provinces lie)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from werkbezoek.lib.dates import sane_date
from werkbezoek.lib.widgets import NativeDateInput
from werkbezoek.visits.models import Status
from werkbezoek.visits.shared import Filters

# Province code -> (column, row) on a grid of tiles.
TILES = {
    "PV21": (1, 0),  # Friesland
    "PV20": (2, 0),  # Groningen
    "PV27": (0, 1),  # Noord-Holland
    "PV24": (1, 1),  # Flevoland
    "PV22": (2, 1),  # Drenthe
    "PV28": (0, 2),  # Zuid-Holland
    "PV26": (1, 2),  # Utrecht
    "PV23": (2, 2),  # Overijssel
    "PV29": (0, 3),  # Zeeland
    "PV30": (1, 3),  # Noord-Brabant
    "PV25": (2, 3),  # Gelderland
    "PV31": (2, 4),  # Limburg
}
TILE = 104  # px, a tile of 100 with a gap


class OverviewFilterForm(forms.Form):
    start = forms.DateField(
        label=_("From"), required=False, widget=NativeDateInput, validators=[sane_date]
    )
    end = forms.DateField(
        label=_("Until"), required=False, widget=NativeDateInput, validators=[sane_date]
    )
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("all")), *Status.choices]
    )
    party = forms.CharField(
        label=_("Party"), required=False, max_length=60, help_text=_("For example VVD or PvdA")
    )
    politician = forms.CharField(label=_("Politician"), required=False, max_length=80)

    def __init__(self, *args, themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("all")), *[(t, t) for t in themes if t]]

    def filters(self) -> Filters:
        if not self.is_valid():
            return Filters()
        data = self.cleaned_data
        return Filters(
            start=data["start"],
            end=data["end"],
            theme=data["theme"],
            status=data["status"],
            party=data["party"].strip(),
            politician=data["politician"].strip(),
        )


def province_tiles(provinces: list[dict], names) -> list[dict]:
    """The tiles with their counts and a shade from light (few) to dark (most); `names`:
    the provinces (reference data), so a province without visits still has its name."""
    names = {province.code: province.name for province in names}
    counts = {entry["code"]: entry for entry in provinces}
    most = max((entry["n"] for entry in provinces), default=0)
    tiles = []
    for code, (column, row) in TILES.items():
        entry = counts.get(code, {"province": "", "n": 0})
        share = entry["n"] / most if most else 0
        tiles.append(
            {
                "code": code,
                "name": entry["province"] or names.get(code, ""),
                "n": entry["n"],
                "x": column * TILE,
                "y": row * TILE,
                "level": 0 if not entry["n"] else 1 + round(share * 3),  # 0..4
            }
        )
    return tiles
