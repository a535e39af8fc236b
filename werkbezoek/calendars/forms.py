from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from werkbezoek.reference.models import Municipality

from .fetching import FetchError, check_url
from .parsing import CalendarError, parse


class CalendarForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.all()
    )
    file = forms.FileField(
        label=_("Calendar file"),
        required=False,
        help_text=_(
            "An ICS file (.ics) from the council information system, or a Notubiz / Open "
            "Raadsinformatie meeting file (.json). At most 2 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".ics,.json,text/calendar"}),
    )
    url = forms.URLField(
        label=_("or a subscription address"),
        required=False,
        assume_scheme="https",
        help_text=_(
            "The web address of the council's ICS calendar; it is fetched again every day."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        limit = settings.WERKBEZOEK_CALENDAR_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB; that is too large for a calendar.")
                % {"mb": limit // (1024 * 1024)}
            )
        kind = "notubiz_file" if upload.name.lower().endswith(".json") else "ics_file"
        try:
            self.specs = parse(upload.read(), kind)
        except CalendarError as error:
            raise forms.ValidationError(str(error)) from None
        self.kind = kind
        return upload

    def clean_url(self):
        url = self.cleaned_data.get("url")
        if url:
            try:
                check_url(url)
            except FetchError as error:
                raise forms.ValidationError(str(error)) from None
        return url

    def clean(self):
        data = super().clean()
        if not self.errors and bool(data.get("file")) == bool(data.get("url")):
            raise forms.ValidationError(_("Choose a file or give a web address (one of the two)."))
        return data
