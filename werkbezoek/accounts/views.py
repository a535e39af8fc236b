from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import services, throttle


class LoginView(auth_views.LoginView):
    """Django's login, refused for a while to an address that failed too often, whichever
    accounts it tried (spraying); axes locks single accounts. The answer is the same
    lockout page either way, and never says whether an account exists."""

    def post(self, request, *args, **kwargs):
        if throttle.login_spraying(request):
            return render(request, "accounts/locked_out.html", status=429)
        return super().post(request, *args, **kwargs)


class PasswordResetView(auth_views.PasswordResetView):
    """A limited number of reset mails per address and per client; over the limit the
    page looks the same, so it still tells nobody whether an account exists."""

    def form_valid(self, form):
        if not throttle.reset_allowed(self.request, form.cleaned_data["email"]):
            return redirect(self.get_success_url())
        return super().form_valid(form)


class ReminderForm(forms.Form):
    daily_digest = forms.BooleanField(
        label=gettext_lazy("Send me a daily reminder by e-mail"),
        required=False,
        help_text=gettext_lazy(
            "Only on days when something is due for you: commitments falling due, overdue "
            "tasks, guests who have not answered, visits waiting for their follow-up, key "
            "relationships without contact."
        ),
    )


@login_required
def reminders(request):
    """The user's own reminder setting (for every organisation they belong to)."""
    # An unticked box sends nothing at all: the form is bound on every POST.
    data = request.POST if request.method == "POST" else None
    form = ReminderForm(data, initial={"daily_digest": request.user.daily_digest})
    if request.method == "POST" and form.is_valid():
        services.daily_digest_set(user=request.user, enabled=form.cleaned_data["daily_digest"])
        messages.success(
            request,
            _("You will get the daily reminder.")
            if form.cleaned_data["daily_digest"]
            else _("You will no longer get the daily reminder."),
        )
        return redirect("accounts:reminders")
    return render(request, "accounts/reminders.html", {"form": form})
