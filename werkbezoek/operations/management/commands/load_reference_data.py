from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from werkbezoek.calendars.public_meetings import load_committee_meetings
from werkbezoek.lib.maintenance import refresh_query_statistics
from werkbezoek.people.office_holders import load_office_holders
from werkbezoek.people.public_data import load_almanak, load_assen_2026, load_tweede_kamer
from werkbezoek.reference.calendar import load_calendar
from werkbezoek.reference.loaders import ReferenceDataError, load_municipalities
from werkbezoek.visits.standard_templates import ensure as ensure_standard_templates


class Command(BaseCommand):
    help = "Load public reference data (municipalities, MPs, council candidates) from shared data."

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=None,
            help="Folder with the public data (default: WERKBEZOEK_SHARED_DATA).",
        )

    def handle(self, *args, data_dir, **options):
        data_dir = data_dir or settings.WERKBEZOEK_SHARED_DATA
        steps = [
            (
                "Gemeenten en provincies",
                lambda: load_municipalities(data_dir / "gemeenten" / "gemeenten_2025.csv"),
            ),
            ("Tweede Kamerleden", lambda: load_tweede_kamer(data_dir)),
            ("Kandidaten gemeenteraad Assen 2026", lambda: load_assen_2026(data_dir)),
            ("Commissievergaderingen Tweede Kamer", lambda: load_committee_meetings(data_dir)),
            ("Raadsleden en colleges 2015 (Almanak)", lambda: load_almanak(data_dir)),
            (
                "Raadsleden, wethouders en burgemeesters 2026 (Register van Overheidsorganisaties)",
                lambda: load_office_holders(data_dir),
            ),
            ("Verkiezingen en recessen", lambda: load_calendar(data_dir)),
            ("Standaardprogramma's voor werkbezoeken", ensure_standard_templates),
        ]
        for label, load in steps:
            try:
                result = load()
            except ReferenceDataError as error:
                raise CommandError(
                    f"{label} niet geladen, daarvan is niets gewijzigd:\n" + "\n".join(error.errors)
                ) from None
            self.stdout.write(
                f"{label}: {result.created} nieuw, {result.updated} gewijzigd, "
                f"{result.unchanged} ongewijzigd."
            )
        refresh_query_statistics()
