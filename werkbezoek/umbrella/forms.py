"""The umbrella's template form: one page for a whole version (programme blocks, limits,
checklist tasks, texts, default ratings), as rows of plain fields rather than formsets."""

from django import forms
from django.utils.translation import gettext_lazy as _

from werkbezoek.actions.catalogue import ACTIONS
from werkbezoek.organisations import umbrellas
from werkbezoek.organisations.models import Organisation
from werkbezoek.visits import evaluation
from werkbezoek.visits.letter import placeholder_problem
from werkbezoek.visits.models import ChecklistTask, ProgrammeBlock, ProgrammeTemplate, Visit

BLOCK_ROWS = 10
TASK_ROWS = 5
DAY_PART_MINUTES = 240  # DOMAIN: members of parliament give at most one part of a day


class TemplateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(
        label=_("For"), choices=ProgrammeTemplate.Kind.choices, widget=forms.RadioSelect
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What the template is for; members see it when they choose."),
    )
    themes = forms.CharField(
        label=_("Agenda themes"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One per line. A visit planned with this template chooses one of them. "
            "Leave empty to leave the theme free."
        ),
    )
    min_minutes = forms.IntegerField(label=_("Shortest programme (minutes)"), min_value=10)
    max_minutes = forms.IntegerField(
        label=_("Longest programme (minutes)"),
        min_value=10,
        max_value=DAY_PART_MINUTES,
        help_text=_("At most one part of a day (240 minutes); a lunch before or after is extra."),
    )
    max_story_minutes = forms.IntegerField(
        label=_("Longest story (minutes)"), min_value=1, max_value=DAY_PART_MINUTES
    )
    require_experience = forms.BooleanField(
        label=_("Something to see or do is required"), required=False
    )
    require_closing_ask = forms.BooleanField(
        label=_("The programme ends with the concrete ask"), required=False
    )
    warn_slides = forms.BooleanField(label=_("Warn about slide presentations"), required=False)
    max_visitors = forms.IntegerField(
        label=_("Largest group of visitors"),
        min_value=1,
        max_value=50,
        help_text=_(
            "Politicians, their entourage and press together. The method's example for a "
            "visit by members of parliament: the MP with some entourage, a few local "
            "politicians and one journalist."
        ),
    )
    max_journalists = forms.IntegerField(label=_("Most journalists"), min_value=0, max_value=10)
    invitation_text = forms.CharField(
        label=_("Invitation text"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "With the same placeholders as the organisation's own invitation, such as "
            "{{ aanhef }}. Empty: each member's own invitation text."
        ),
    )
    press_text = forms.CharField(
        label=_("Paragraph for the press release"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example what the umbrella's campaign is about; added to every release."),
    )
    post_text = forms.CharField(
        label=_("Suggested post"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Planned on every new visit, for the member to adapt."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for row in range(BLOCK_ROWS):
            self.fields[f"block_{row}_kind"] = forms.ChoiceField(
                label=_("Kind"), required=False, choices=[("", "—"), *ProgrammeBlock.Kind.choices]
            )
            self.fields[f"block_{row}_title"] = forms.CharField(
                label=_("Title"), required=False, max_length=200
            )
            self.fields[f"block_{row}_minutes"] = forms.IntegerField(
                label=_("Minutes"), required=False, min_value=1, max_value=DAY_PART_MINUTES
            )
            self.fields[f"block_{row}_people"] = forms.BooleanField(
                label=_("With residents, pupils or volunteers"), required=False
            )
        for row in range(TASK_ROWS):
            self.fields[f"task_{row}_step"] = forms.TypedChoiceField(
                label=_("Step"),
                required=False,
                coerce=int,
                empty_value=None,
                choices=[("", "—"), *ChecklistTask.Step.choices],
            )
            self.fields[f"task_{row}_title"] = forms.CharField(
                label=_("Task"), required=False, max_length=300
            )
            self.fields[f"task_{row}_days"] = forms.IntegerField(
                label=_("Days from the visit"), required=False, min_value=-180, max_value=180
            )
        for action in ACTIONS:
            for code in evaluation.CODES:
                self.fields[f"rating_{action.code}_{code}"] = forms.TypedChoiceField(
                    label=f"{action.name}: {evaluation.NAMES[code]}",
                    required=False,
                    coerce=int,
                    empty_value=None,
                    choices=[("", "—"), *[(n, str(n)) for n in range(1, 6)]],
                )

    # --- Rows for the page -------------------------------------------------------------------

    def main_fields(self):
        """The fields above the rows: name, limits, texts (the declared ones)."""
        return [self[name] for name in self.base_fields]

    def criteria_names(self):
        return [evaluation.NAMES[code] for code in evaluation.CODES]

    def block_rows(self):
        return [
            [self[f"block_{row}_{part}"] for part in ("kind", "title", "minutes", "people")]
            for row in range(BLOCK_ROWS)
        ]

    def task_rows(self):
        return [
            [self[f"task_{row}_{part}"] for part in ("step", "title", "days")]
            for row in range(TASK_ROWS)
        ]

    def rating_rows(self):
        return [
            (action, [self[f"rating_{action.code}_{code}"] for code in evaluation.CODES])
            for action in ACTIONS
        ]

    # --- Checks ------------------------------------------------------------------------------

    def clean_themes(self):
        themes = [line.strip() for line in self.cleaned_data["themes"].splitlines()]
        themes = list(dict.fromkeys(theme[:200] for theme in themes if theme))
        if len(themes) > 20:
            raise forms.ValidationError(_("Give at most 20 themes."))
        return themes

    def clean_invitation_text(self):
        text = self.cleaned_data["invitation_text"]
        problem = placeholder_problem(text) if text.strip() else ""
        if problem:
            raise forms.ValidationError(problem)
        return text

    def clean(self):
        data = super().clean()
        blocks = []
        for row in range(BLOCK_ROWS):
            kind, title, minutes = (
                data.get(f"block_{row}_{part}") for part in ("kind", "title", "minutes")
            )
            if not (kind or title or minutes):
                continue
            if not (kind and title and minutes):
                self.add_error(
                    f"block_{row}_title", _("Give this block a kind, a title and minutes.")
                )
                continue
            block = {"kind": kind, "title": title.strip(), "minutes": minutes}
            if data.get(f"block_{row}_people"):
                block["with_people"] = True
            blocks.append(block)
        if not blocks and not self.errors:
            self.add_error(None, _("Give the programme at least one block."))
        tasks = []
        for row in range(TASK_ROWS):
            step, title, days = (
                data.get(f"task_{row}_{part}") for part in ("step", "title", "days")
            )
            if not (step or (title or "").strip() or days is not None):
                continue
            if not (step and (title or "").strip() and days is not None):
                self.add_error(f"task_{row}_title", _("Give this task a step, a text and a day."))
                continue
            tasks.append({"step": step, "title": title.strip(), "offset_days": days})
        ratings = {}
        for action in ACTIONS:
            stars = {
                code: data.get(f"rating_{action.code}_{code}")
                for code in evaluation.CODES
                if data.get(f"rating_{action.code}_{code}")
            }
            if stars:
                ratings[action.code] = stars
        low, high = data.get("min_minutes"), data.get("max_minutes")
        if low and high and low > high:
            self.add_error("min_minutes", _("The shortest programme is longer than the longest."))
        data["blocks"], data["extra_tasks"], data["ratings"] = blocks, tasks, ratings
        return data

    def template_fields(self) -> dict:
        """The cleaned form as the keyword arguments of visits.services.template_publish."""
        data = self.cleaned_data
        names = [
            "name", "kind", "description", "themes", "min_minutes", "max_minutes",
            "max_story_minutes", "require_experience", "require_closing_ask", "warn_slides",
            "max_visitors", "max_journalists", "invitation_text", "press_text", "post_text",
            "blocks", "extra_tasks", "ratings",
        ]  # fmt: skip
        return {name: data[name] for name in names}


def initial_from(template: ProgrammeTemplate) -> dict:
    """The form filled with a version, to publish the next one from it."""
    initial = {
        "name": template.name,
        "kind": template.kind,
        "description": template.description,
        "themes": "\n".join(template.themes),
        "min_minutes": template.min_minutes,
        "max_minutes": template.max_minutes,
        "max_story_minutes": template.max_story_minutes,
        "require_experience": template.require_experience,
        "require_closing_ask": template.require_closing_ask,
        "warn_slides": template.warn_slides,
        "max_visitors": template.max_visitors,
        "max_journalists": template.max_journalists,
        "invitation_text": template.invitation_text,
        "press_text": template.press_text,
        "post_text": template.post_text,
    }
    for row, block in enumerate(template.blocks[:BLOCK_ROWS]):
        initial |= {
            f"block_{row}_kind": block["kind"],
            f"block_{row}_title": block["title"],
            f"block_{row}_minutes": block["minutes"],
            f"block_{row}_people": block.get("with_people", False),
        }
    for row, task in enumerate(template.extra_tasks[:TASK_ROWS]):
        initial |= {
            f"task_{row}_step": task["step"],
            f"task_{row}_title": task["title"],
            f"task_{row}_days": task["offset_days"],
        }
    for action, stars in template.ratings.items():
        for code, value in stars.items():
            initial[f"rating_{action}_{code}"] = value
    return initial


class QuestionForm(forms.Form):
    umbrella = forms.ModelChoiceField(
        label=_("To"), queryset=Organisation.objects.none(), empty_label=None
    )
    visit = forms.ModelChoiceField(
        label=_("About the visit"),
        queryset=Visit.objects.none(),
        required=False,
        empty_label=_("not about one visit"),
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    text = forms.CharField(
        label=_("Your question"), max_length=10000, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["umbrella"].queryset = Organisation.objects.filter(
            pk__in=[u.pk for u in umbrellas.active_umbrellas(organisation)]
        )
        # The organisation's own visits, the newest first (a choice, never thousands).
        newest = Visit.objects.order_by("-created_at").values_list("pk", flat=True)[:200]
        self.fields["visit"].queryset = Visit.objects.filter(pk__in=list(newest))
