"""Everything `make run` needs before the servers start; a second run keeps the data."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import translation

from werkbezoek.operations.demo import DEMO_PASSWORD, demo_exists, demo_logins, load_demo


class Command(BaseCommand):
    help = "Migrate, compile translations, load reference and (first time) demo data."

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000")

    def handle(self, *args, port, **options):
        translation.activate(settings.LANGUAGE_CODE)
        call_command("migrate", interactive=False, verbosity=0)
        call_command("compilemessages", ignore_patterns=[".venv", "var"], verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        call_command("load_reference_data")
        if demo_exists():
            self.stdout.write(
                "Bestaande gegevens gevonden in " + str(settings.WERKBEZOEK_DATA_DIR) + "."
            )
        else:
            load_demo()
            self.stdout.write("Demogegevens geladen.")
        self.stdout.write("")
        self.stdout.write(f"Werkbezoek draait op http://127.0.0.1:{port}/")
        self.stdout.write(f"Demo-inloggegevens (wachtwoord: {DEMO_PASSWORD}):")
        for email, description in demo_logins():
            self.stdout.write(f"  {email}  ({description})")
        if settings.WERKBEZOEK_EMAIL == "file":
            self.stdout.write(
                f"Uitgaande e-mail staat als bestand in {settings.WERKBEZOEK_DATA_DIR / 'mail'}."
            )
        self.stdout.write("Stoppen: Ctrl+C.")
