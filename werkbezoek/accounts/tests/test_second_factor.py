"""A second factor for organisation admins and superusers: link an app, get recovery codes,
and give a code at every login; editors and readers are never asked."""

from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from werkbezoek.testing import PASSWORD, totp_code

LOGIN = reverse("accounts:login")
DASHBOARD = reverse("organisations:dashboard", args=["welzijn-a"])


def log_in(client, email):
    client.post(LOGIN, {"username": email, "password": PASSWORD})


def test_an_admin_links_an_app_then_gives_a_code_at_every_login(client, personas, settings):
    # django-otp slows down guessing after a wrong code; this test types right after one.
    settings.OTP_TOTP_THROTTLE_FACTOR = settings.OTP_STATIC_THROTTLE_FACTOR = 0
    log_in(client, "admin@a.example")
    response = client.get(DASHBOARD)
    assert response.status_code == 302 and "/tweede-stap/instellen/" in response["Location"]
    page = client.get(response["Location"])
    assert "<svg" in page.text and 'class="secret"' in page.text
    device = TOTPDevice.objects.get(user=personas.admin, confirmed=False)
    wrong = client.post(response["Location"], {"code": "000000"})
    assert "Die code klopt niet" in wrong.text
    linked = client.post(response["Location"], {"code": totp_code(device.key)}, follow=True)
    codes = linked.context["codes"]
    assert len(codes) == 10 and all(code in linked.text for code in codes)
    assert client.get(DASHBOARD).status_code == 200
    # The next login asks for the code from the app.
    client.post(reverse("accounts:logout"))
    log_in(client, "admin@a.example")
    asked = client.get(DASHBOARD)
    assert "/account/tweede-stap/?" in asked["Location"]
    device.refresh_from_db()
    client.post(asked["Location"], {"code": totp_code(device.key, steps_ahead=1)})
    assert client.get(DASHBOARD).status_code == 200
    # A recovery code works, once.
    for attempt in range(2):
        client.post(reverse("accounts:logout"))
        log_in(client, "admin@a.example")
        client.post(reverse("accounts:second-factor"), {"code": codes[0]})
        assert client.get(DASHBOARD).status_code == (200 if attempt == 0 else 302)


def test_editors_and_readers_are_never_asked(client, personas):
    log_in(client, "editor@a.example")
    assert client.get(DASHBOARD).status_code == 200


def test_a_superuser_reaches_the_admin_only_with_the_second_factor(client, personas):
    personas.editor.is_staff = personas.editor.is_superuser = True
    personas.editor.save()
    log_in(client, "editor@a.example")
    response = client.get("/admin/")
    assert response.status_code == 302 and "/tweede-stap/instellen/" in response["Location"]


def test_a_laptop_demo_can_switch_it_off(client, personas, settings):
    settings.WERKBEZOEK_SECOND_FACTOR = "optional"
    log_in(client, "admin@a.example")
    assert client.get(DASHBOARD).status_code == 200
