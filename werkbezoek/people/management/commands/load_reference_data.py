from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from werkbezoek.people.reference import ReferenceDataError, load_municipalities


class Command(BaseCommand):
    help = "Load public reference data (provinces, municipalities) from the shared data folder."

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=None,
            help="Folder with the public data (default: WERKBEZOEK_SHARED_DATA).",
        )

    def handle(self, *args, data_dir, **options):
        data_dir = data_dir or settings.SHARED_DATA_DIR
        try:
            result = load_municipalities(data_dir / "gemeenten" / "gemeenten_2025.csv")
        except ReferenceDataError as error:
            raise CommandError(
                "Referentiegegevens niet geladen, er is niets gewijzigd:\n"
                + "\n".join(error.errors)
            ) from None
        self.stdout.write(
            f"Gemeenten en provincies: {result.created} nieuw, {result.updated} gewijzigd, "
            f"{result.unchanged} ongewijzigd."
        )
