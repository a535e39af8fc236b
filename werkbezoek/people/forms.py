from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkbezoek.lib.dates import sane_date
from werkbezoek.lib.forms import ModelMultipleChoiceField
from werkbezoek.lib.widgets import (
    ChosenPeopleWidget,
    DirectCheckboxInput,
    DirectDateInput,
    DirectHiddenInput,
    DirectTextInput,
    FastSelect,
    NativeDateInput,
)
from werkbezoek.organisations.forms import ThemesField
from werkbezoek.organisations.models import Membership
from werkbezoek.organisations.submissions import SubmissionField
from werkbezoek.reference.models import Body, Municipality, PartyGroup

from .models import Assessment, Interaction, Person, Position, Role, Stance
from .services import ASSESSMENT_FIELDS, PERSON_FIELDS

DIRECT_WIDGETS = {
    forms.Select: FastSelect,
    forms.TextInput: DirectTextInput,
    forms.CheckboxInput: DirectCheckboxInput,
    forms.HiddenInput: DirectHiddenInput,
    NativeDateInput: DirectDateInput,
}


def use_direct_widgets(form):
    """Every plain select and input of the register's and the map's filters is written out
    directly, without a template per field (FastSelect, DirectTextInput …)."""
    for field in form.fields.values():
        direct = DIRECT_WIDGETS.get(type(field.widget))
        if direct is not None:
            field.widget = direct(attrs=field.widget.attrs)
            if direct is FastSelect:
                field.widget.choices = field.choices


class PlaceFilters(forms.Form):
    """Filters on people's current public roles, shared by the register and the map."""

    body = forms.ModelChoiceField(
        label=_("Council or parliament"),
        required=False,
        queryset=Body.objects.all(),
        empty_label=_("any"),
        widget=FastSelect,
    )
    # Typed, not chosen: the councils have well over a thousand local party names.
    party = forms.CharField(
        label=_("Party or party group"),
        required=False,
        max_length=100,
        help_text=_("Part of the name is enough, e.g. VVD or Leefbaar."),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        required=False,
        queryset=Municipality.objects.all(),
        empty_label=_("any"),
        widget=FastSelect,
    )

    def limit_bodies(self, organisation):
        """The parliament and the councils of the organisation's own municipalities; other
        councils are found through the municipality filter (a list of 700 bodies is not a
        choice)."""
        if organisation is not None:
            own = [municipality.pk for municipality in organisation.working_area]
            self.fields["body"].queryset = Body.objects.filter(
                Q(municipality__isnull=True) | Q(municipality__in=own)
            )


# Asked less often, and three of them lists read from the database: behind "More filters",
# which the register fills in when they are opened, unless one of them is in use.
MORE_FILTERS = (
    "min_influence",
    "body",
    "party",
    "municipality",
    "owner",
    "contact_before",
    "contact_after",
)


def more_filters_in_use(data) -> bool:
    return any(data.get(name) for name in MORE_FILTERS)


class RegisterFilterForm(forms.Form):
    """The register's filters its page shows: name, whom, stance, role and order. With the
    others (AllRegisterFilters) when one of those is in use: without them, building a form
    of every filter cost the page more than its list of names."""

    q = forms.CharField(label=_("Name"), required=False)
    show = forms.ChoiceField(label=_("Show"), required=False, choices=[])
    in_register = forms.BooleanField(label=_("Only people with an assessment"), required=False)
    stance = forms.ChoiceField(
        label=_("Stance"), required=False, choices=[("", _("any"))] + Stance.choices
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

    field_order = [
        "q",
        "show",
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

    def __init__(self, *args, assessments: bool = True, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        names = [m.name for m in organisation.working_area] if organisation else []
        self.fields["show"].choices = [
            (
                "",
                _("Current office holders in %(places)s, and your own relations")
                % {"places": ", ".join(names)}
                if names
                else _("Current office holders and your own relations"),
            ),
            ("current", _("Current office holders everywhere, and your own relations")),
            ("all", _("Everyone, former office holders too")),
        ]
        use_direct_widgets(self)
        if not assessments:
            # Filtering or sorting on stance or influence would reveal them.
            for name in ("stance", "min_influence", "influence"):
                self.fields.pop(name, None)
            self.fields["sort"].choices = [
                choice
                for choice in self.fields["sort"].choices
                if choice[0] not in {"influence", "stance"}
            ]


class AllRegisterFilters(RegisterFilterForm, PlaceFilters):
    """Every filter of the register: the page's own and MORE_FILTERS."""

    min_influence = forms.TypedChoiceField(
        label=_("Influence at least"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("any"))] + [(n, str(n)) for n in range(1, 6)],
    )
    owner = forms.ModelChoiceField(
        label=_("Relationship owner"),
        required=False,
        queryset=Membership.objects.none(),
        empty_label=_("anyone"),
        # The same label as str(user): the name, or the e-mail address without one.
        widget=FastSelect(label_fields=("user__full_name", "user__email")),
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

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, organisation=organisation, **kwargs)
        self.fields["owner"].queryset = Membership.objects.all()
        self.limit_bodies(organisation)


class MapFilterForm(PlaceFilters):
    theme = forms.CharField(label=_("Theme"), required=False, max_length=100)

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_bodies(organisation)
        use_direct_widgets(self)


class CoverageForm(forms.Form):
    body = forms.ModelChoiceField(
        label=_("Council or parliament"),
        # Bodies with party groups: a semi-join (EXISTS), not a join made unique again.
        queryset=Body.objects.filter(Exists(PartyGroup.objects.filter(body=OuterRef("pk")))),
        empty_label=None,
        widget=FastSelect,  # every council of the country
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


class GroupChoiceField(forms.ModelChoiceField):
    """A party group named with its body: every council has its own "VVD"."""

    def label_from_instance(self, group):
        return group.label_with_body


class BodyAndGroupMixin:
    """Body, role and party group in one step; the group list is the chosen body's
    groups, reloaded when the body changes (htmx), never every group of the country."""

    def setup_groups(self, groups_url: str | None):
        # Some 700 councils, executives and the Kamer: written out directly.
        self.fields["body"].widget = FastSelect(attrs=self.fields["body"].widget.attrs)
        self.fields["body"].widget.choices = self.fields["body"].choices
        body = self._chosen_body()
        self.fields["party_group"].queryset = (
            seated_groups(body).select_related("body") if body else PartyGroup.objects.none()
        )
        self.fields["party_group"].help_text = _(
            "Also for aldermen and mayors: the group in the council of their municipality."
        )
        if groups_url:
            self.fields["body"].widget.attrs.update(
                {
                    "hx-get": groups_url,
                    "hx-target": "#id_party_group",
                    "hx-trigger": "change",
                    "hx-include": "this",
                }
            )

    def _chosen_body(self):
        raw = self.data.get(self.add_prefix("body")) if self.is_bound else None
        if raw is None:
            raw = self.initial.get("body") or getattr(
                getattr(self, "instance", None), "body_id", None
            )
        try:
            return Body.objects.filter(pk=int(getattr(raw, "pk", raw))).first() if raw else None
        except (TypeError, ValueError):
            return None

    def check_group_in_body(self, cleaned):
        group, body = cleaned.get("party_group"), cleaned.get("body")
        if group and not body:
            self.add_error("body", _("Choose the council or parliament of this party group."))
        elif group and body and group not in seated_groups(body):
            self.add_error("party_group", _("This party group belongs to another body."))


class NewPersonForm(BodyAndGroupMixin, PersonForm):
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
    party_group = GroupChoiceField(
        label=_("Party group"), required=False, queryset=PartyGroup.objects.none()
    )

    # Who they are and their role first; how to reach them after.
    field_order = ["given_name", "initials", "prefix", "family_name", "role", "body"]
    field_order += ["party_group", "title"]

    def __init__(self, *args, groups_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_groups(groups_url)

    def clean(self):
        cleaned = super().clean()
        self.check_group_in_body(cleaned)
        return cleaned


class PositionForm(BodyAndGroupMixin, forms.ModelForm):
    """A role the organisation records itself, e.g. a new portfolio or a role that ended."""

    party_group = GroupChoiceField(
        label=_("Party group"), required=False, queryset=PartyGroup.objects.none()
    )

    class Meta:
        model = Position
        fields = ["role", "body", "party_group", "title", "portfolio", "start_date", "end_date"]
        widgets = {"start_date": NativeDateInput(), "end_date": NativeDateInput()}

    def __init__(self, *args, groups_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_groups(groups_url)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date lies before the start date."))
        self.check_group_in_body(cleaned)
        return cleaned


class PartyGroupForm(forms.Form):
    """Which party group a council member belongs to, chosen among the body's groups."""

    party_group = forms.ModelChoiceField(
        label=_("Party group"), queryset=PartyGroup.objects.none(), empty_label=None
    )

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party_group"].queryset = seated_groups(body)


def seated_groups(body):
    """The groups that hold seats in the body now; all its groups where no seats are known
    (so old candidate lists and 2015 groups do not crowd the choice). An executive's
    members belong to the groups of their municipality's council."""
    if body.kind == Body.Kind.EXECUTIVE and body.municipality_id:
        council = Body.objects.filter(
            municipality_id=body.municipality_id, kind=Body.Kind.COUNCIL
        ).first()
        body = council or body
    groups = PartyGroup.objects.filter(body=body).order_by("name")
    seated = groups.filter(seats__gt=0)
    return seated if seated.exists() else groups


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
        widget=ChosenPeopleWidget(),
        help_text=_("Untick someone to leave them out."),
    )

    class Meta:
        model = Interaction
        fields = ["date", "kind", "people", "summary", "follow_up_needed", "follow_up"]
        widgets = {
            "date": NativeDateInput(),
            "summary": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, organisation, person=None, search_url="", **kwargs):
        super().__init__(*args, **kwargs)
        # Anyone this organisation can see: the public register and its own people.
        self.fields["people"].queryset = Person.objects.all()
        self.fields["people"].widget.search_url = search_url
        self.fields["date"].initial = timezone.localdate()
        if person is not None:
            self.fields["people"].initial = [person.pk]
