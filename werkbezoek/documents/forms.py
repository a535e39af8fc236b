from django import forms
from django.utils.translation import gettext_lazy as _

from werkbezoek.visits import pictures
from werkbezoek.visits.models import Visit

from .models import GeneratedFile, Kind


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(choices=Kind.choices)
    format = forms.ChoiceField(choices=GeneratedFile.Format.choices)
    guest = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1)


class FactsheetForm(forms.ModelForm):
    picture = forms.FileField(
        label=_("A picture (optional)"),
        required=False,
        help_text=_("JPEG or PNG, at most 4 MB. Only of people who agreed to be shown."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )
    remove_picture = forms.BooleanField(label=_("Remove the picture"), required=False)

    def clean_picture(self):
        upload = self.cleaned_data.get("picture")
        return pictures.clean_picture(upload) if upload else None

    class Meta:
        model = Visit
        fields = ["key_figures", "story"]
        widgets = {
            "key_figures": forms.Textarea(attrs={"rows": 4}),
            "story": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"key_figures": _("Key figures"), "story": _("One story")}
