"""Fixtures shared by every test: personas, a real SMTP server, Chromium for browser tests."""

import os
import shutil

import pytest
from django.conf import settings as django_settings
from django.utils import translation
from django_scopes import scopes_disabled

from werkbezoek import testing

# Live-server browser tests call the ORM from Playwright's event-loop thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts in the site's language: a request in English (LocaleMiddleware)
    leaves English active in the thread, and a later test would read English messages."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _test_settings(settings):
    # Static files straight from the apps (no collectstatic in tests); fast hashing.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, answering one request at a time. With SQLite in memory
    its thread shares the tests' one connection, and a threaded server let two requests use
    it at once: a page's later part (htmx) still loading while the browser went to the
    next page ended in "bad parameter or other API misuse" and a 500."""
    from django.core.servers.basehttp import WSGIServer
    from pytest_django.live_server_helper import LiveServer

    class OneRequestAtATime(WSGIServer):
        def __init__(self, *args, connections_override=None, **kwargs):
            # The live server thread itself uses the shared connections (run()).
            super().__init__(*args, **kwargs)

    address = request.config.getvalue("liveserver") or os.getenv(
        "DJANGO_LIVE_TEST_SERVER_ADDRESS", "localhost"
    )
    server = LiveServer(address, start=False)
    server.thread.server_class = OneRequestAtATime
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def _smtp_controller():
    server, controller = testing.start_smtp_server()
    yield server
    controller.stop()


@pytest.fixture
def smtp(_smtp_controller, settings):
    """A real SMTP server (aiosmtpd) on localhost; mail goes out over the wire to it."""
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": _smtp_controller.host, "port": _smtp_controller.port, "timeout": 5},
        }
    }
    _smtp_controller.clear()
    yield _smtp_controller
    _smtp_controller.clear()


@pytest.fixture
def personas(db):
    from werkbezoek.visits.standard_templates import ensure

    ensure()  # the standard programme templates, as load_reference_data makes them
    with scopes_disabled():
        return testing.make_personas()


@pytest.fixture
def client_as(client):
    """client_as(user) logs the test client in as that user."""

    def login(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        testing.pass_second_factor(client, user)
        return client

    return login


# --- Playwright on Debian's Chromium ------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-NL", "viewport": {"width": 1200, "height": 900}}
