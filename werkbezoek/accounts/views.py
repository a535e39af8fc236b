from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render

from . import throttle


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
