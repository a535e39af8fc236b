import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext_lazy as _

from werkbezoek.lib.dates import sane_date
from werkbezoek.lib.forms import ModelMultipleChoiceField
from werkbezoek.lib.widgets import NativeDateInput, NativeTimeInput
from werkbezoek.organisations.models import Membership
from werkbezoek.organisations.submissions import SubmissionField
from werkbezoek.reference.models import Municipality

from . import evaluation, selectors
from .letter import placeholder_problem
from .models import (
    ChecklistTask,
    Commitment,
    DateOption,
    Guest,
    LetterTemplate,
    PlannedPost,
    ProgrammeBlock,
    ProgrammeTemplate,
    Report,
    Stop,
    TeamMember,
    TimeOfDay,
    Visit,
)
from .services import VISIT_FIELDS

MAX_PERIOD_DAYS = 183


def without_empty_radio_choice(form):
    """A radio list shows only real answers: the "make a choice" line a select needs is
    no answer (a required field without one still gets its error)."""
    for field in form.fields.values():
        if isinstance(field.widget, forms.RadioSelect) and hasattr(field, "choices"):
            field.choices = [(value, label) for value, label in field.choices if value != ""]


class VisitForm(forms.ModelForm):
    submission = SubmissionField()
    template = forms.ModelChoiceField(
        label=_("Programme template"),
        queryset=ProgrammeTemplate.objects.none(),
        empty_label=None,
        help_text=_("The programme starts from this template; you can change every block."),
    )

    class Meta:
        model = Visit
        fields = [*VISIT_FIELDS, "template"]
        widgets = {
            "goal": forms.Textarea(attrs={"rows": 3}),
            "core_message": forms.Textarea(attrs={"rows": 2}),
            "ask": forms.Textarea(attrs={"rows": 2}),
            "kind": forms.RadioSelect,
            "goal_type": forms.RadioSelect,
            "party_mix": forms.RadioSelect,
        }
        help_texts = {
            "title": _("For example: Alderman Zuidema visits the school garden"),
            "goal": _("What should the guest see, hear or experience?"),
            "core_message": _("One sentence the guest remembers afterwards."),
            "ask": _(
                "What should the guest do: keep a budget, cooperate, change a policy? "
                "Needed before invitations go out."
            ),
            "duration_minutes": _("A local visit takes 30 to 60 minutes."),
            "party_mix": _(
                "A cross-section keeps you independent; one party can be a deliberate choice."
            ),
        }

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        without_empty_radio_choice(self)
        self._municipality_choices(organisation)
        if self.instance.pk:
            # Changing the template replaces the programme: that is a button on its own.
            del self.fields["template"]
            del self.fields["submission"]
            self._theme_choices(self.instance.template)
        else:
            choosable = selectors.templates_to_choose(organisation)
            field = self.fields["template"]
            # The umbrella's templates are not the organisation's own rows: list them by id.
            field.queryset = ProgrammeTemplate._base_manager.filter(
                pk__in=[t.pk for t in choosable]
            ).select_related("organisation")
            field.label_from_instance = template_label
            chosen = self.initial.get("template")
            if isinstance(chosen, ProgrammeTemplate):
                self._theme_choices(chosen)

    def _municipality_choices(self, organisation):
        """The organisation's working area (and the visit's own municipality); all of them
        when no working area is filled in."""
        field = self.fields["municipality"]
        area = organisation.municipalities.all() if organisation is not None else None
        if area is not None and area.exists():
            current = self.instance.municipality_id
            field.queryset = Municipality.objects.filter(
                Q(pk__in=area.values("pk")) | Q(pk=current)
            ).order_by("name")
        field.empty_label = _("unknown")

    def _theme_choices(self, template):
        """A template with agenda themes (an umbrella's): the theme is one of them."""
        if template.themes:
            self.fields["theme"] = forms.ChoiceField(
                label=self.fields["theme"].label,
                choices=[("", "—"), *[(theme, theme) for theme in template.themes]],
                help_text=_("The agenda themes of “%(template)s”.") % {"template": template.name},
            )

    def clean(self):
        data = super().clean()
        template = data.get("template") or (self.instance.template if self.instance.pk else None)
        theme = data.get("theme", "")
        if template is not None and template.themes and theme not in template.themes:
            self.add_error(
                "theme",
                _("Choose one of the themes of “%(template)s”: %(themes)s.")
                % {"template": template.name, "themes": ", ".join(template.themes)},
            )
        return data


def template_label(template) -> str:
    """“Name (version 2, Koepel X)” for an umbrella's template; the name for the others."""
    if template.organisation_id is None:
        return template.name
    return _("%(name)s (version %(version)d, %(owner)s)") % {
        "name": template.name,
        "version": template.version,
        "owner": template.organisation.name,
    }


class PeriodForm(forms.Form):
    start = forms.DateField(validators=[sane_date], label=_("From"), widget=NativeDateInput)
    end = forms.DateField(validators=[sane_date], label=_("Until"), widget=NativeDateInput)
    time_of_day = forms.ChoiceField(label=_("Time of day"), choices=TimeOfDay.choices)
    count = forms.TypedChoiceField(
        label=_("Number of options"),
        coerce=int,
        choices=[(n, str(n)) for n in range(1, 6)],
        initial=3,
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError(_("The end date is before the start date."))
            if start < timezone.localdate():
                self.add_error("start", _("This date is in the past; choose a date from today."))
            if (end - start).days > MAX_PERIOD_DAYS:
                raise forms.ValidationError(_("Choose a period of at most six months."))
        return data


class DateSetForm(forms.Form):
    date = forms.DateField(validators=[sane_date], label=_("Date"), widget=NativeDateInput)
    start_time = forms.TimeField(label=_("Start time"), widget=NativeTimeInput)

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date < timezone.localdate():
            raise forms.ValidationError(_("This date is in the past; choose a date from today."))
        return date


class NamedGuestForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Comes as"),
        choices=[
            (Guest.Kind.ENTOURAGE, Guest.Kind.ENTOURAGE.label),
            (Guest.Kind.JOURNALIST, Guest.Kind.JOURNALIST.label),
        ],
    )
    accompanies = forms.ModelChoiceField(
        label=_("Accompanies"), required=False, queryset=Guest.objects.none()
    )

    def __init__(self, *args, visit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accompanies"].queryset = visit.guests.filter(
            kind=Guest.Kind.GUEST
        ).select_related("person")


class GuestForm(forms.ModelForm):
    preferred_option = forms.ModelChoiceField(
        label=_("Preferred date"), required=False, queryset=DateOption.objects.none()
    )

    class Meta:
        model = Guest
        fields = [
            "rsvp",
            "preferred_option",
            "notes",
            "photos_allowed",
            "tagging_allowed",
            "handle",
        ]
        widgets = {"rsvp": forms.RadioSelect, "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_option"].queryset = DateOption.objects.filter(
            visit=self.instance.visit
        )
        self.fields["preferred_option"].label_from_instance = option_label


class TeamForm(forms.ModelForm):
    membership = forms.ModelChoiceField(
        label=_("Colleague"), required=False, queryset=Membership.objects.none()
    )

    class Meta:
        model = TeamMember
        fields = ["role", "membership", "name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = Membership.objects.select_related("user")
        self.fields["membership"].label_from_instance = lambda m: str(m.user)

    def clean(self):
        data = super().clean()
        if bool(data.get("membership")) == bool(data.get("name", "").strip()):
            raise forms.ValidationError(_("Choose a colleague or write a name (one of the two)."))
        return data


class StopForm(forms.ModelForm):
    class Meta:
        model = Stop
        fields = ["name", "address", "arrives_at", "leaves_at"]
        widgets = {"arrives_at": NativeTimeInput, "leaves_at": NativeTimeInput}

    def clean(self):
        data = super().clean()
        arrives, leaves = data.get("arrives_at"), data.get("leaves_at")
        if arrives and leaves and leaves <= arrives:
            raise forms.ValidationError(_("The departure must be after the arrival."))
        return data


class BlockForm(forms.ModelForm):
    stop = forms.ModelChoiceField(label=_("Stop"), required=False, queryset=Stop.objects.none())

    class Meta:
        model = ProgrammeBlock
        fields = ["kind", "title", "minutes", "led_by", "stop", "with_people", "slides"]

    def __init__(self, *args, visit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stop"].queryset = Stop.objects.filter(visit=visit)
        self.fields["minutes"].widget.attrs.update({"min": 0, "max": 480, "inputmode": "numeric"})


class TaskForm(forms.ModelForm):
    done = forms.BooleanField(label=_("Done"), required=False)
    assignee = forms.ModelChoiceField(
        label=_("Assigned to"), required=False, queryset=Membership.objects.none()
    )

    class Meta:
        model = ChecklistTask
        fields = ["title", "offset_days", "working_days", "assignee"]
        help_texts = {
            "offset_days": _("Negative: days before the visit, e.g. -28 for four weeks."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = Membership.objects.select_related("user")
        self.fields["assignee"].label_from_instance = lambda m: str(m.user)
        self.fields["done"].initial = self.instance.done_at is not None
        self.initial["title"] = self.instance.label  # a default task's title, translated
        self.fields["title"].required = True


class MediaForm(forms.ModelForm):
    class Meta:
        model = Visit
        fields = ["press_present", "photographer_present", "press_release", "media_notes"]
        widgets = {"media_notes": forms.Textarea(attrs={"rows": 3})}


class PostForm(forms.ModelForm):
    class Meta:
        model = PlannedPost
        fields = ["channel", "days_after", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


def default_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Four weeks from now (time to invite) for two months."""
    start = today + datetime.timedelta(days=28)
    return start, start + datetime.timedelta(days=61)


class LetterTextField(forms.CharField):
    """A letter text with {{ placeholders }}: a wrong one is reported when saving."""

    widget = forms.Textarea(attrs={"rows": 14})

    def validate(self, value):
        super().validate(value)
        problem = placeholder_problem(value or "")
        if problem:
            raise forms.ValidationError(problem)


class VisitLetterForm(forms.Form):
    text = LetterTextField(label=_("Invitation text for this visit"), required=False)
    involvement = forms.CharField(
        label=_("How the municipality is already involved"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example: the municipality subsidises the project, or owns the building. "
            "Fills in {{ betrokkenheid }}."
        ),
    )
    contact = forms.ModelChoiceField(
        label=_("Contact person"),
        queryset=Membership.objects.none(),
        required=False,
        empty_label=_("the colleague who sends"),
        help_text=_("Replies to the invitations go to this colleague."),
    )

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = Membership.objects.filter(
            organisation=organisation
        ).select_related("user")


class GuestLetterForm(forms.Form):
    text = LetterTextField(label=_("Letter for this guest"), required=False)


class LetterTemplateForm(forms.Form):
    text = LetterTextField(label=_("Invitation text"))
    salutation = forms.ChoiceField(
        label=_("Salutation"),
        choices=LetterTemplate.Salutation.choices,
        widget=forms.RadioSelect,
    )


class AnswerForm(forms.Form):
    """What a guest answers through the personal link."""

    rsvp = forms.ChoiceField(
        label=_("Will you come?"),
        choices=[
            (Guest.Rsvp.ACCEPTED, _("Yes, I will come")),
            (Guest.Rsvp.DECLINED, _("No, I cannot come")),
        ],
        widget=forms.RadioSelect,
    )
    dates = forms.MultipleChoiceField(
        label=_("On which dates can you come?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("A note for us (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    photos_allowed = forms.BooleanField(
        label=_("Photos of me may be taken and shared"), required=False
    )
    tagging_allowed = forms.BooleanField(
        label=_("You may mention or tag me in posts"), required=False
    )

    def __init__(self, *args, options=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dates"].choices = [
            (option.date.isoformat(), option_label(option)) for option in options
        ]
        if not options:
            del self.fields["dates"]

    def clean(self):
        data = super().clean()
        data["available_dates"] = {
            datetime.date.fromisoformat(day) for day in data.pop("dates", []) or []
        }
        return data


def option_label(option) -> str:
    return f"{date_format(option.date, 'l j F Y')}, {time_format(option.start_time, 'H.i')}"


class AnswerRowForm(forms.Form):
    """One guest's row in the answers table (answers heard by phone or mail). The date
    options are read once for the whole table, not once per row."""

    rsvp = forms.ChoiceField(label=_("Answer"), choices=Guest.Rsvp.choices)
    preferred_option = forms.TypedChoiceField(
        label=_("Preferred date"), required=False, coerce=int, empty_value=None
    )
    photos_allowed = forms.BooleanField(label=_("Photos"), required=False)
    tagging_allowed = forms.BooleanField(label=_("Tagging"), required=False)

    def __init__(self, *args, guest=None, options=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.guest = guest
        self.options = {option.pk: option for option in options}
        self.fields["preferred_option"].choices = [("", _("none"))] + [
            (option.pk, option_label(option)) for option in options
        ]

    def clean_preferred_option(self):
        chosen = self.cleaned_data.get("preferred_option")
        return self.options.get(chosen) if chosen is not None else None


# --- After the visit --------------------------------------------------------------------------


class ReportForm(forms.ModelForm):
    """The report with the visit's evaluation: one star choice per criterion of the method."""

    class Meta:
        model = Report
        fields = ["what_happened", "quotes", "ask_outcome", "outcome"]
        widgets = {
            "what_happened": forms.Textarea(attrs={"rows": 4}),
            "quotes": forms.Textarea(attrs={"rows": 2}),
            "ask_outcome": forms.RadioSelect,
            "outcome": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "what_happened": _("Who spoke with whom, what they saw, what struck them."),
            "outcome": _("What did the visit bring for your goal? What is still needed?"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["what_happened"].required = True
        ratings = self.instance.ratings if self.instance and self.instance.pk else {}
        for code, name, question in evaluation.CRITERIA:
            self.fields[f"rating_{code}"] = forms.TypedChoiceField(
                label=name,
                help_text=question,
                choices=[("", _("not rated"))] + evaluation.STARS,
                coerce=int,
                empty_value=None,
                required=False,
                initial=ratings.get(code),
            )
        without_empty_radio_choice(self)

    def clean(self):
        data = super().clean()
        data["ratings"] = {
            code: data.pop(f"rating_{code}")
            for code in evaluation.CODES
            if data.get(f"rating_{code}") is not None
        }
        for code in evaluation.CODES:
            data.pop(f"rating_{code}", None)
        return data


class PhotoForm(forms.Form):
    upload = forms.FileField(
        label=_("Photo"),
        help_text=_(
            "JPEG, PNG or HEIC (iPhone), at most 15 MB. Location and camera data are removed."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/heic,image/heif"}
        ),
    )
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)
    guests = ModelMultipleChoiceField(
        label=_("Guests in the photo"),
        queryset=Guest.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    others_visible = forms.CharField(
        label=_("Others in the photo"),
        required=False,
        max_length=2000,
        help_text=_("Residents, pupils, volunteers, colleagues who can be recognised."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    consent = forms.CharField(
        label=_("How did everyone in the photo agree?"),
        max_length=2000,
        help_text=_(
            "For example: asked on the spot; signed form; for pupils, their parents' form."
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, visit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["guests"].queryset = visit.guests.select_related("person")
        self.fields["guests"].label_from_instance = _photo_guest_label


def _photo_guest_label(guest) -> str:
    if guest.photos_allowed:
        return str(guest)
    return _("%(name)s (did not agree to photos)") % {"name": guest}


class CommitmentForm(forms.Form):
    people = ModelMultipleChoiceField(
        label=_("Promised by"),
        queryset=Guest.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Several people for a joint promise, such as a pledge signed by list leaders."),
    )
    text = forms.CharField(
        label=_("What was promised"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    made_on = forms.DateField(
        label=_("Promised on"), widget=NativeDateInput, validators=[sane_date]
    )
    due_on = forms.DateField(
        label=_("Due on"),
        required=False,
        widget=NativeDateInput,
        validators=[sane_date],
        help_text=_("When should it be done? Leave empty if nobody said."),
    )
    owner = forms.ModelChoiceField(
        label=_("Followed by"),
        queryset=Membership.objects.none(),
        required=False,
        empty_label=_("nobody in particular"),
    )

    def __init__(self, *args, visit=None, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = visit.guests.filter(person__isnull=False).select_related(
            "person"
        )
        self.fields["owner"].queryset = Membership.objects.filter(
            organisation=organisation
        ).select_related("user")
        if visit.date:
            self.fields["made_on"].initial = visit.date

    def clean(self):
        data = super().clean()
        data["people"] = [guest.person for guest in data.get("people") or []]
        return data


class CommitmentStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=Commitment.Status.choices, widget=forms.RadioSelect
    )
    evidence = forms.CharField(
        label=_("Evidence or note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What shows it: a council decision, an answer, an amendment."),
    )
    link = forms.URLField(label=_("Link"), required=False, max_length=500, assume_scheme="https")


class NextContactForm(forms.Form):
    date = forms.DateField(
        label=_("Next contact on"), widget=NativeDateInput, validators=[sane_date]
    )
    what = forms.CharField(
        label=_("What"),
        max_length=250,
        help_text=_("For example: call about the budget debate; send the figures."),
    )
    owner = forms.ModelChoiceField(
        label=_("Who"),
        queryset=Membership.objects.none(),
        required=False,
        empty_label=_("nobody in particular"),
    )

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Membership.objects.filter(
            organisation=organisation
        ).select_related("user")
