from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from werkbezoek.operations.backup import BackupError, restore


class Command(BaseCommand):
    help = "Put a backup back: database, secret key and uploads. Stop web and worker first."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="A folder made by manage.py backup.")
        parser.add_argument(
            "--yes", action="store_true", help="Really replace the current database."
        )

    def handle(self, *args, folder, yes, **options):
        if not yes:
            raise CommandError(
                "Dit vervangt de huidige database door de back-up. Stop eerst de webserver en "
                "de werker, en herhaal met --yes."
            )
        try:
            restored = restore(folder)
        except BackupError as error:
            raise CommandError(f"Terugzetten mislukt: {error}") from None
        rows = sum(restored.counts.values())
        self.stdout.write(
            f"Teruggezet uit {restored.folder}: {len(restored.counts)} tabellen, {rows} rijen, "
            "gelijk aan de back-up. Draai nu `manage.py collectstatic` en start de app."
        )
