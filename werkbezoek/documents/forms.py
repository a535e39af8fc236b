from django import forms
from django.utils.translation import gettext_lazy as _

from werkbezoek.visits.models import Visit

from .models import GeneratedFile, Kind


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(choices=Kind.choices)
    format = forms.ChoiceField(choices=GeneratedFile.Format.choices)
    guest = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1)


class FactsheetForm(forms.ModelForm):
    class Meta:
        model = Visit
        fields = ["key_figures", "story"]
        widgets = {
            "key_figures": forms.Textarea(attrs={"rows": 4}),
            "story": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"key_figures": _("Key figures"), "story": _("One story")}
