"""Loading the real municipality file from ../shared/data."""

import shutil
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from werkbezoek.reference.models import Municipality, Province

SOURCE = settings.WERKBEZOEK_SHARED_DATA / "gemeenten" / "gemeenten_2025.csv"


def test_it_loads_all_342_municipalities_and_12_provinces(db):
    call_command("load_reference_data", stdout=StringIO())
    assert Municipality.objects.count() == 342
    assert Province.objects.count() == 12
    assen = Municipality.objects.get(code="GM0106")
    assert (assen.name, assen.province.code, assen.province.name) == ("Assen", "PV22", "Drenthe")
    assert Municipality.objects.filter(province__name="Noord-Brabant").count() == 56
    assert Municipality.objects.get(code="GM1992").name == "Voorne aan Zee"


def test_a_second_run_changes_nothing(db, capsys):
    call_command("load_reference_data")
    snapshot = list(Municipality.objects.values_list("pk", "code", "name", "province_id"))
    capsys.readouterr()
    call_command("load_reference_data")
    out = capsys.readouterr().out
    assert "Gemeenten en provincies: 0 nieuw, 0 gewijzigd, 354 ongewijzigd" in out
    # Every source, the 13,000 office holders included, reports nothing new or changed.
    reports = [line for line in out.splitlines() if "ongewijzigd" in line]
    assert len(reports) == 8
    assert all(": 0 nieuw, 0 gewijzigd," in line for line in reports), reports
    assert list(Municipality.objects.values_list("pk", "code", "name", "province_id")) == snapshot


def copy_with(tmp_path, transform):
    """A copy of the shared data folder with the municipality file changed."""
    data = tmp_path / "data"
    shutil.copytree(settings.WERKBEZOEK_SHARED_DATA, data)
    target = data / "gemeenten" / "gemeenten_2025.csv"
    target.chmod(0o644)
    target.write_text(transform(SOURCE.read_text(encoding="utf-8")), encoding="utf-8")
    return data


def test_a_bad_row_writes_nothing_and_names_line_and_column(db, tmp_path):
    data = copy_with(tmp_path, lambda t: t.replace("GM0106,Assen", "XX0106,Assen"))
    with pytest.raises(CommandError) as error:
        call_command("load_reference_data", data_dir=data)
    message = str(error.value)
    assert "niets gewijzigd" in message
    assert "kolom gemeentecode_gm" in message and "XX0106" in message
    line = (
        SOURCE.read_text()
        .splitlines()
        .index(next(r for r in SOURCE.read_text().splitlines() if ",GM0106," in r))
        + 1
    )
    assert f"regel {line}" in message
    assert not Municipality.objects.exists() and not Province.objects.exists()


def test_a_file_without_the_columns_is_refused(db, tmp_path):
    data = copy_with(tmp_path, lambda t: t.replace("gemeentecode_gm", "code"))
    with pytest.raises(CommandError, match="ontbreken: gemeentecode_gm"):
        call_command("load_reference_data", data_dir=data)


def test_a_missing_file_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="niet gevonden"):
        call_command("load_reference_data", data_dir=tmp_path)


def test_an_edited_name_is_updated_not_duplicated(db, tmp_path, capsys):
    call_command("load_reference_data")
    data = copy_with(tmp_path, lambda t: t.replace(",Assen,", ",Assen (Drenthe),"))
    call_command("load_reference_data", data_dir=data)
    assert "1 gewijzigd" in capsys.readouterr().out
    assert Municipality.objects.get(code="GM0106").name == "Assen (Drenthe)"
    assert Municipality.objects.count() == 342


def test_shared_data_location_is_configurable(tmp_path):
    """WERKBEZOEK_SHARED_DATA points the loaders at another folder."""
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "WERKBEZOEK_SHARED_DATA": str(tmp_path),
        "WERKBEZOEK_DATA_DIR": str(tmp_path / "var"),
        "DJANGO_SETTINGS_MODULE": "werkbezoek.settings_test",
    }
    printed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.WERKBEZOEK_SHARED_DATA)",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    ).stdout.strip()
    assert printed == str(tmp_path.resolve())
