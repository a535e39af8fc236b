from django import forms
from django.utils.translation import gettext_lazy as _


class PeopleUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8 CSV with commas, or Excel's CSV with semicolons. At most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
