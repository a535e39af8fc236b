from django import forms


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
        chosen = [str(v) for v in (value or []) if str(v).isdigit()]
        queryset = getattr(self.choices, "queryset", None)
        context["chosen"] = list(queryset.filter(pk__in=chosen)) if queryset is not None else []
        context["search_url"] = self.search_url
        return context

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)
