"""Once created the standard programmes; `manage.py load_reference_data` does that now.

A migration may not import the app's code (that code changes, the migration must not), so
this step does nothing any more. Databases that ran it keep their templates.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("visits", "0001_initial")]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
