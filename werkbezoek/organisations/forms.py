from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from werkbezoek.lib.forms import ModelMultipleChoiceField
from werkbezoek.reference.models import Municipality

from .models import Organisation, Role
from .services import PROFILE_FIELDS

MAX_THEMES = 30


class GroupedCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes in collapsible groups; groups holding a chosen option start open."""

    template_name = "widgets/grouped_checkboxes.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["groups"] = [
            {
                "name": group,
                "options": options,
                "selected": sum(1 for option in options if option["selected"]),
            }
            for group, options, _index in context["widget"]["optgroups"]
        ]
        return context


def municipalities_by_province():
    groups = {}
    for municipality in Municipality.objects.select_related("province").order_by(
        "province__name", "name"
    ):
        groups.setdefault(municipality.province.name, []).append(
            (municipality.pk, municipality.name)
        )
    return list(groups.items())


class ThemesField(forms.CharField):
    """The organisation's agenda themes: one per line in the form, a list in the database."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        themes = []
        for line in text.splitlines():
            theme = " ".join(line.split())
            if theme and theme not in themes:
                themes.append(theme)
        if len(themes) > MAX_THEMES:
            raise ValidationError(_("At most %(max)d themes.") % {"max": MAX_THEMES})
        if any(len(theme) > 100 for theme in themes):
            raise ValidationError(_("A theme can be at most 100 characters long."))
        return themes


class OrganisationProfileForm(forms.ModelForm):
    themes = ThemesField(
        label=_("Themes"),
        required=False,
        help_text=_("The topics on your agenda, one per line. They return when you plan visits."),
    )
    municipalities = ModelMultipleChoiceField(
        label=_("Working area"),
        queryset=Municipality.objects.all(),
        required=False,
        widget=GroupedCheckboxSelectMultiple,
        help_text=_("Open a province and tick the municipalities where you work."),
    )

    class Meta:
        model = Organisation
        fields = ["municipalities", *PROFILE_FIELDS]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    field_order = ["name", "kind", "municipalities"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Validation uses the queryset; the widget shows the same rows grouped by province.
        self.fields["municipalities"].widget.choices = municipalities_by_province()
        # An umbrella body sets the invitation warning; a member chooses what it shares.
        if self.instance.is_umbrella:
            del self.fields["share_visits_with_umbrella"]
        else:
            del self.fields["invitation_load_threshold"]

    def clean_postcode(self):
        postcode = "".join(self.cleaned_data["postcode"].split()).upper()
        if (
            postcode
            and not (
                len(postcode) == 6
                and postcode.isascii()  # "²" and "é" pass isdigit() and isalpha()
                and postcode[:4].isdigit()
                and postcode[4:].isalpha()
            )
        ):
            raise ValidationError(_("Enter a Dutch postcode such as 9401 AB."))
        return f"{postcode[:4]} {postcode[4:]}" if postcode else ""


class OrganisationCreateForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "slug", "kind"]
        help_texts = {
            "slug": _(
                "Short name in the web address: lower-case letters, digits and hyphens, "
                "e.g. welzijn-assen. It cannot be changed later."
            ),
        }

    def clean_slug(self):
        slug = self.cleaned_data["slug"].lower()
        if slug in RESERVED_SLUGS:
            raise ValidationError(_("This web address is reserved. Choose another one."))
        return slug


RESERVED_SLUGS = {"admin", "nieuw", "new", "static", "api"}


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of your colleague"))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        initial=Role.EDITOR,
        help_text=_(
            "Administrators manage the team; editors plan and record; readers can only look."
        ),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class AcceptWithAccountForm(forms.Form):
    """For an invitee without an account: name and a password, the address is the invited one."""

    full_name = forms.CharField(label=_("Your name"), max_length=150)
    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not a common password."),
    )
    password2 = forms.CharField(
        label=_("Repeat the password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, organisation_name: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email
        self.organisation_name = organisation_name

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            from werkbezoek.accounts.models import User

            future_user = User(email=self.email, full_name=cleaned.get("full_name", ""))
            future_user.organisation_names = [self.organisation_name]
            try:
                password_validation.validate_password(first, future_user)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned
