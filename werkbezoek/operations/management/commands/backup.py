from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from werkbezoek.operations.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database, the secret key and the uploads into a new folder."

    def add_arguments(self, parser):
        parser.add_argument("target", type=Path, help="Folder to write the backup folder into.")

    def handle(self, *args, target, **options):
        try:
            folder = backup(target)
        except BackupError as error:
            raise CommandError(f"Back-up mislukt: {error}") from None
        self.stdout.write(f"Back-up gemaakt in {folder}")
