"""The two standard programmes of the method (see visits.standard_templates)."""

from django.db import migrations


def create(apps, schema_editor):
    from werkbezoek.visits.standard_templates import ensure

    ensure(apps.get_model("visits", "ProgrammeTemplate"))


def remove(apps, schema_editor):
    apps.get_model("visits", "ProgrammeTemplate").objects.filter(organisation=None).delete()


class Migration(migrations.Migration):
    dependencies = [("visits", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
