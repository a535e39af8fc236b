from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe

from werkbezoek.lib.forms import id_from


class NativeDateInput(forms.DateInput):
    """The browser's date picker. Its value must be ISO (2026-11-22) whatever the language,
    or the browser silently drops it."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class NativeTimeInput(forms.TimeInput):
    """The browser's time picker; like dates, its value must be 24-hour HH:MM."""

    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class DirectInputMixin:
    """An <input> written out directly, as Django's input template writes it: on a filter
    form read on every visit of a long list, a template per field costs more than the
    list's queries. The context (value, checked, attributes) is still Django's own."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        shown = "" if widget["value"] is None else f' value="{escape(str(widget["value"]))}"'
        # Every part is escaped (flatatt too).
        return mark_safe(  # noqa: S308
            f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"{shown}'
            f"{flatatt(widget['attrs'])}>"
        )


class DirectTextInput(DirectInputMixin, forms.TextInput):
    pass


class DirectDateInput(DirectInputMixin, NativeDateInput):
    pass


class DirectCheckboxInput(DirectInputMixin, forms.CheckboxInput):
    pass


class DirectHiddenInput(DirectInputMixin, forms.HiddenInput):
    pass


class ChosenPeopleWidget(forms.SelectMultiple):
    """People chosen from a register of thousands: only the chosen ones are rendered (as
    ticked boxes); more are found by typing a name, which asks `search_url` (htmx) for
    matches to add. A choice list never holds the whole register."""

    template_name = "widgets/chosen_people.html"

    def __init__(self, attrs=None, search_url=""):
        super().__init__(attrs)
        self.search_url = search_url

    def get_context(self, name, value, attrs):
        context = forms.Widget.get_context(self, name, value, attrs)
        # Re-shown after an error: only ids that can be a row (a forged "999…9" cannot).
        chosen = [pk for pk in map(id_from, value or []) if pk is not None]
        queryset = getattr(self.choices, "queryset", None)
        context["chosen"] = list(queryset.filter(pk__in=chosen)) if queryset is not None else []
        context["search_url"] = self.search_url
        return context

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)


class FastSelect(forms.Select):
    """A select written out directly. Django renders each option through a template (and,
    for a model choice, builds an object per option), which for the register's filters
    costs more than the queries behind the page. Model choices are read as (pk, label)
    pairs: the model's `name` (municipalities, councils), or the first of `label_fields`
    that is filled in ("user__full_name", "user__email")."""

    def __init__(self, attrs=None, choices=(), label_fields=()):
        super().__init__(attrs, choices)
        self.label_fields = tuple(label_fields)

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        chosen = str(value) if value not in (None, "") else ""
        options = "".join(
            _option(option, label, option == chosen)
            for option, label in ((str(key), str(text)) for key, text in self._rows())
        )
        # Every part above is escaped.
        return mark_safe(f'<select name="{escape(str(name))}"{flatatt(attrs)}>{options}</select>')  # noqa: S308

    def use_required_attribute(self, initial):
        """Django's Select looks at its first choice, which for a model choice runs the whole
        query once more; that first choice is the empty one exactly when the field has an
        empty label."""
        field = getattr(self.choices, "field", None)
        if field is None:
            return super().use_required_attribute(initial)
        return forms.Widget.use_required_attribute(self, initial) and field.empty_label is not None

    def _rows(self):
        queryset = getattr(self.choices, "queryset", None)
        fields = self.label_fields
        if queryset is not None and not fields:
            fields = ("name",) if any(f.name == "name" for f in queryset.model._meta.fields) else ()
        if not fields:
            return [
                ("" if option is None else str(option), label) for option, label in self.choices
            ]
        empty = self.choices.field.empty_label
        head = [("", empty)] if empty is not None else []
        rows = queryset.values_list("pk", *fields)
        return head + [(pk, next((x for x in labels if x), "")) for pk, *labels in rows]


# The same few hundred options (municipalities, councils) on every filter page: each
# written out once per process instead of escaped again on every page view.
_OPTIONS: dict[tuple[str, str], str] = {}
_OPTIONS_KEPT = 20_000


def _option(value: str, label: str, selected: bool) -> str:
    if selected:
        return f'<option value="{escape(value)}" selected>{escape(label)}</option>'
    written = _OPTIONS.get((value, label))
    if written is None:
        written = f'<option value="{escape(value)}">{escape(label)}</option>'
        if len(_OPTIONS) < _OPTIONS_KEPT:
            _OPTIONS[value, label] = written
    return written
