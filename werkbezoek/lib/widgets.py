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
