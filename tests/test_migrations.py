"""A database made by an earlier main migrates forward without losing a row.

Each entry of MIGRATED_SINCE names the migration state of an earlier main and what its
data becomes; the test migrates back to that state, fills it through the historical
models, migrates forward and compares row counts table by table.
"""

import datetime

import pytest
from django.apps import apps as current_apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

# The main of 2026-11 (before the one audit log): organisations stood at 0003.
EARLIER_MAIN = [("organisations", "0003_organisation_retention_months")]
# Tables whose rows moved to another table: old label -> new label.
MOVED = {"organisations.ActivityLog": "organisations.AuditEntry"}


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def counts(apps) -> dict:
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.app_label.startswith(("organisations", "people", "visits", "accounts"))
    }


def test_an_earlier_database_migrates_forward_with_every_row(personas):
    old = migrate(EARLIER_MAIN)
    Organisation = old.get_model("organisations", "Organisation")
    ActivityLog = old.get_model("organisations", "ActivityLog")
    User = old.get_model("accounts", "User")
    organisation = Organisation._base_manager.get(slug="welzijn-a")
    admin = User._base_manager.get(email="admin@a.example")
    at = timezone.now() - datetime.timedelta(days=3)
    for action, subject, from_value, to_value in [
        ("organisation_created", "Welzijn A", "", ""),
        ("invitation_sent", "nieuw@a.example", "", "editor"),
        ("role_changed", "editor@a.example", "editor", "reader"),
        ("member_removed", "oud@a.example", "reader", ""),
    ]:
        ActivityLog._base_manager.create(
            organisation=organisation,
            actor=admin,
            action=action,
            subject=subject,
            from_value=from_value,
            to_value=to_value,
            at=at,
        )
    before = counts(old)

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    after = counts(current_apps)

    for old_label, new_label in MOVED.items():
        assert after[new_label] == before.pop(old_label)
    assert {label: after[label] for label in before} == before
    AuditEntry = current_apps.get_model("organisations", "AuditEntry")
    role_change = AuditEntry._base_manager.get(action="organisations.membership.role_changed")
    assert role_change.data == {"old": "editor", "new": "reader"}
    assert (role_change.actor_id, role_change.at) == (admin.pk, at)
