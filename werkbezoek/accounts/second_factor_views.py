from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp import match_token

from . import second_factor

RECOVERY_SESSION_KEY = "second_factor_recovery_codes"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return "/"
    return target


@login_required
def setup(request):
    """Link an authenticator app: scan the code, type the six digits it shows."""
    user = request.user
    if second_factor.has_app(user):
        return redirect(f"{reverse('accounts:second-factor')}?next={_next(request)}")
    device = second_factor.pending_app(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = second_factor.confirm_app(device, form.cleaned_data["code"])
        if codes is not None:
            otp_login(request, device)
            request.session[RECOVERY_SESSION_KEY] = codes
            return redirect(f"{reverse('accounts:second-factor-codes')}?next={_next(request)}")
        form.add_error("code", _("That code is not right. Type the code the app shows now."))
    return render(
        request,
        "accounts/second_factor_setup.html",
        {
            "form": form,
            "qr": second_factor.qr_svg(device),
            "secret": second_factor.secret_text(device),
            "next": _next(request),
        },
    )


@login_required
def verify(request):
    """The code from the app, or one of the recovery codes."""
    if not second_factor.has_app(request.user):
        return redirect(f"{reverse('accounts:second-factor-setup')}?next={_next(request)}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error(
            "code", _("That code is not right, or it was used already. Try the code shown now.")
        )
    return render(
        request, "accounts/second_factor_verify.html", {"form": form, "next": _next(request)}
    )


@login_required
def recovery_codes(request):
    """The new recovery codes, shown once."""
    codes = request.session.pop(RECOVERY_SESSION_KEY, None)
    if not codes:
        return redirect(_next(request))
    return render(
        request, "accounts/second_factor_codes.html", {"codes": codes, "next": _next(request)}
    )
