from django.db import migrations, models


class Migration(migrations.Migration):
    """The name index also holds whose record it is and its id. The register's default list
    on PostgreSQL walks everyone in name order and keeps the organisation's own people and
    the public ones it follows: with these two columns in the index it no longer reads a
    table row for each name it passes. Measured on PostgreSQL after VACUUM (what
    autovacuum does on a production server): a small organisation's list, which passes
    all 20,000 public names, 5.9 -> 3.1 ms in the database; the benchmark's list reads
    71 buffers instead of 2,437."""

    dependencies = [("people", "0014_own_people_by_name")]

    operations = [
        migrations.RemoveIndex(model_name="person", name="people_pers_family__9a18b0_idx"),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                fields=["family_name", "initials", "given_name", "organisation", "id"],
                name="people_by_name",
            ),
        ),
        migrations.RunSQL("ANALYZE people_person", reverse_sql=migrations.RunSQL.noop),
    ]
