from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkbezoek.lib.dates import sane_date
from werkbezoek.lib.forms import ModelMultipleChoiceField
from werkbezoek.lib.widgets import NativeDateInput
from werkbezoek.organisations.forms import ThemesField
from werkbezoek.organisations.models import Membership
from werkbezoek.organisations.submissions import SubmissionField
from werkbezoek.reference.models import Body, Municipality, Party

from .models import Assessment, Interaction, Person, Position, Role, Stance
from .services import ASSESSMENT_FIELDS, PERSON_FIELDS


class PlaceFilters(forms.Form):
    """Filters on people's current public roles, shared by the register and the map."""

    body = forms.ModelChoiceField(
        label=_("Council or parliament"),
        required=False,
        queryset=Body.objects.all(),
        empty_label=_("any"),
    )
    party = forms.ModelChoiceField(
        label=_("Party"), required=False, queryset=Party.objects.all(), empty_label=_("any")
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        required=False,
        queryset=Municipality.objects.all(),
        empty_label=_("any"),
    )


class RegisterFilterForm(PlaceFilters):
    q = forms.CharField(label=_("Name"), required=False)
    in_register = forms.BooleanField(label=_("Only people with an assessment"), required=False)
    stance = forms.ChoiceField(
        label=_("Stance"), required=False, choices=[("", _("any"))] + Stance.choices
    )
    min_influence = forms.TypedChoiceField(
        label=_("Influence at least"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("any"))] + [(n, str(n)) for n in range(1, 6)],
    )
    # Exact influence, used by the links in a crowded stakeholder map.
    influence = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.HiddenInput,
        choices=[("", "")] + [(n, str(n)) for n in range(1, 6)],
    )
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", _("any"))] + Role.choices
    )
    owner = forms.ModelChoiceField(
        label=_("Relationship owner"),
        required=False,
        queryset=Membership.objects.none(),
        empty_label=_("anyone"),
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("", _("name")),
            ("influence", _("influence, highest first")),
            ("contact", _("last contact, longest ago first")),
            ("stance", _("stance")),
        ],
    )
    contact_before = forms.DateField(
        validators=[sane_date],
        label=_("Last contact before"),
        required=False,
        widget=NativeDateInput(),
    )
    contact_after = forms.DateField(
        validators=[sane_date],
        label=_("Last contact after"),
        required=False,
        widget=NativeDateInput(),
    )

    field_order = [
        "q",
        "in_register",
        "stance",
        "min_influence",
        "influence",
        "role",
        "body",
        "party",
        "municipality",
        "owner",
        "sort",
    ]

    def __init__(self, *args, assessments: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Membership.objects.select_related("user")
        if not assessments:
            # Filtering or sorting on stance or influence would reveal them.
            for name in ("stance", "min_influence", "influence"):
                del self.fields[name]
            self.fields["sort"].choices = [
                choice
                for choice in self.fields["sort"].choices
                if choice[0] not in {"influence", "stance"}
            ]


class MapFilterForm(PlaceFilters):
    theme = forms.CharField(label=_("Theme"), required=False, max_length=100)


class CoverageForm(forms.Form):
    body = forms.ModelChoiceField(
        label=_("Council or parliament"),
        queryset=Body.objects.filter(party_groups__isnull=False).distinct(),
        empty_label=None,
    )
    on = forms.DateField(
        validators=[sane_date],
        label=_("On date"),
        required=False,
        widget=NativeDateInput(),
        help_text=_("Who held a seat (or stood as candidate) on this day; empty means today."),
    )


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = PERSON_FIELDS
        widgets = {"sources": forms.Textarea(attrs={"rows": 2})}


class NewPersonForm(PersonForm):
    submission = SubmissionField()
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.CIVIL_SERVANT)
    title = forms.CharField(
        label=_("Title or organisation"),
        required=False,
        help_text=_("For example: policy adviser social affairs, or the newspaper they write for."),
    )
    body = forms.ModelChoiceField(
        label=_("Council or parliament"),
        required=False,
        queryset=Body.objects.all(),
        empty_label=_("none"),
    )


class PositionForm(forms.ModelForm):
    """A role the organisation records itself, e.g. a new portfolio or a role that ended."""

    class Meta:
        model = Position
        fields = ["role", "body", "party_group", "title", "portfolio", "start_date", "end_date"]
        widgets = {"start_date": NativeDateInput(), "end_date": NativeDateInput()}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date lies before the start date."))
        group, body = cleaned.get("party_group"), cleaned.get("body")
        if group and body and group.body_id != body.pk:
            self.add_error("party_group", _("This party group belongs to another body."))
        return cleaned


class AssessmentForm(forms.ModelForm):
    themes = ThemesField(label=_("Themes"), required=False)
    # The version this form showed (see services.assessment_update).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    # Declared here: the queryset needs the request's scope (set in __init__).
    owner = forms.ModelChoiceField(
        label=_("Relationship owner"),
        required=False,
        queryset=Membership.objects.none(),
        help_text=_("The colleague who keeps in touch with this person."),
    )

    class Meta:
        model = Assessment
        fields = ASSESSMENT_FIELDS
        widgets = {
            "influence": forms.Select(choices=[("", "—")] + [(n, str(n)) for n in range(1, 6)]),
            "drivers": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Membership.objects.select_related("user")
        self.fields["owner"].label_from_instance = lambda membership: str(membership.user)
        self.fields["version"].initial = self.instance.version if self.instance.pk else None


class StanceForm(forms.Form):
    stance = forms.ChoiceField(label=_("Where does this person stand now?"), choices=Stance.choices)
    date = forms.DateField(
        validators=[sane_date],
        label=_("Date"),
        initial=timezone.localdate,
        widget=NativeDateInput(),
    )
    reason = forms.CharField(
        label=_("Why do you think so?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "What was said or done; a change often follows signals from residents or "
            "outside events."
        ),
    )
    source = forms.CharField(
        label=_("Source"),
        required=False,
        max_length=300,
        help_text=_("For example: conversation on 12 March, council debate, newspaper article."),
    )


class InteractionForm(forms.ModelForm):
    submission = SubmissionField()
    # Declared here: the queryset needs the request's scope (set in __init__).
    people = ModelMultipleChoiceField(
        label=_("People involved"),
        queryset=Person.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("People from your register; hold Ctrl (or Cmd) to choose several."),
    )

    class Meta:
        model = Interaction
        fields = ["date", "kind", "people", "summary", "follow_up_needed", "follow_up"]
        widgets = {
            "date": NativeDateInput(),
            "summary": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, organisation, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Everyone in this organisation's register, plus the person in hand. The filter
        # names the organisation: a relation filter is not limited by the scope.
        self.fields["people"].queryset = Person.objects.filter(
            Q(assessments__organisation=organisation) | Q(pk=getattr(person, "pk", None))
        ).distinct()
        self.fields["date"].initial = timezone.localdate()
        if person is not None:
            self.fields["people"].initial = [person.pk]
