"""Indexes the quality page's aggregate queries need, on tables of other apps.

Created here, by SQL, rather than in those apps' Meta: the quality app is the only reader
that needs them, and the apps it reads stay free of its concerns (and of its migrations).
PostgreSQL gets a covering index, so a year of deadlines is read from the index alone.
"""

from django.db import migrations

NAME = "quality_deadline_due"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {NAME} ON evaluations_deadline (due_date) "
            "INCLUDE (kind, status, closed_on, placement_id, responsible_role)"
        )
    else:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {NAME} ON evaluations_deadline (due_date, kind)"
        )


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0002_decision_outcome_and_review_details")]

    operations = [migrations.RunPython(create, drop)]
