from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkbezoek.lib.widgets import NativeDateInput
from werkbezoek.people.models import Person

from .models import Interaction


class InteractionForm(forms.ModelForm):
    # Declared here: the queryset needs the request's scope (set in __init__).
    people = forms.ModelMultipleChoiceField(
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
