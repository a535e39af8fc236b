from django.core.management.base import BaseCommand

from werkbezoek.operations.demo import load_demo


class Command(BaseCommand):
    help = "Create the demo organisations and accounts (fictional people only)."

    def handle(self, *args, **options):
        organisations = load_demo()
        self.stdout.write("Demo-organisaties: " + ", ".join(o.name for o in organisations))
