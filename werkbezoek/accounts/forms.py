from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from werkbezoek.mail.services import email_queue


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "That e-mail address and password do not match. Check both and try again."
        ),
    }

    def clean_username(self):
        return self.cleaned_data["username"].lower()


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's reset form, but the message goes through the outbox like every other mail."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        context = {key: value for key, value in context.items() if key != "user"} | {
            "user_name": context["user"].get_short_name(),
        }
        email_queue(to=to_email, template="accounts/emails/password_reset", context=context)
