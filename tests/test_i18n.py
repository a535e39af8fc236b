import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

CATALOGUE = Path(__file__).resolve().parents[1] / "werkbezoek/locale/nl/LC_MESSAGES/django.po"


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="gettext is installed by .ci/run")
def test_every_text_has_a_dutch_translation():
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(CATALOGUE)],
        capture_output=True,
        text=True,
        check=True,
    )
    statistics = result.stderr.strip().splitlines()[-1]
    # Any "fuzzy" or "untranslated" count would be listed on this line too.
    assert re.fullmatch(r"\d+ translated messages\.", statistics), result.stderr


def test_interface_is_dutch_by_default(client, db):
    response = client.get(reverse("accounts:login"))
    assert '<html lang="nl">' in response.text
    assert "Inloggen" in response.text


def test_english_is_available(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("accounts:login"))
    assert '<html lang="en">' in response.text
    assert "Log in with your e-mail address" in response.text
