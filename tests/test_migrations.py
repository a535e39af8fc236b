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
from django_scopes import scopes_disabled

pytestmark = pytest.mark.django_db(transaction=True)

# The main of 2026-11, before the consolidation (one audit log, models in their layers).
EARLIER_MAIN = [
    ("organisations", "0003_organisation_retention_months"),
    ("people", "0006_meeting_feed_meeting_organisation"),
    ("actions", "0001_initial"),
    ("interactions", "0001_initial"),
    ("calendars", "0001_initial"),
    ("reference", None),
]
# Models whose rows now belong to another model: old label -> new label.
MOVED = {
    "organisations.ActivityLog": "organisations.AuditEntry",
    "people.Province": "reference.Province",
    "people.Municipality": "reference.Municipality",
    "people.Party": "reference.Party",
    "people.Body": "reference.Body",
    "people.PartyGroup": "reference.PartyGroup",
    "people.Meeting": "calendars.Meeting",
    "actions.Election": "reference.Election",
    "actions.Recess": "reference.Recess",
    "interactions.Interaction": "people.Interaction",
}
PROJECT_APPS = {
    "accounts",
    "organisations",
    "reference",
    "people",
    "interactions",
    "actions",
    "calendars",
    "visits",
    "imports",
    "mail",
    "operations",
}


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def counts(apps) -> dict:
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS
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
    # One row in each table that moved to another app, written as the old code wrote it.
    Province = old.get_model("people", "Province")
    Municipality = old.get_model("people", "Municipality")
    Body = old.get_model("people", "Body")
    Party = old.get_model("people", "Party")
    Person = old.get_model("people", "Person")
    province = Province._base_manager.create(code="PV98", name="Oude provincie")
    municipality = Municipality._base_manager.create(
        code="GM9998", name="Oudegem", province=province
    )
    organisation.municipalities.add(municipality)
    council = Body._base_manager.create(
        code="GR-GM9998", kind="council", name="Raad Oudegem", municipality=municipality
    )
    party = Party._base_manager.create(name="Oude partij")
    group = old.get_model("people", "PartyGroup")._base_manager.create(
        body=council, party=party, name="OP"
    )
    person = Person._base_manager.create(family_name="Oud")
    old.get_model("people", "Position")._base_manager.create(
        person=person, role="council_member", body=council, party_group=group
    )
    meeting = old.get_model("people", "Meeting")._base_manager.create(
        body=council, uid="oud-1", title="Raad", starts_at=at
    )
    meeting.attendees.add(person)
    old.get_model("actions", "Recess")._base_manager.create(
        kind="recess", name="Oud reces", start_date=at.date(), end_date=at.date()
    )
    old.get_model("actions", "Election")._base_manager.create(
        kind="election", code="GR2099", name="Oude verkiezing"
    )
    contact = old.get_model("interactions", "Interaction")._base_manager.create(
        organisation=organisation, kind="call", summary="Gebeld", recorded_by=admin
    )
    contact.people.add(person)
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
    # Relations still lead to the same rows through the moved models (read as an admin).
    with scopes_disabled():
        Organisation = current_apps.get_model("organisations", "Organisation")
        assert [
            m.name for m in Organisation._base_manager.get(slug="welzijn-a").municipalities.all()
        ] == ["Oudegem"]
        Meeting = current_apps.get_model("calendars", "Meeting")
        moved_meeting = Meeting._base_manager.get(uid="oud-1")
        assert moved_meeting.body.municipality.province.name == "Oude provincie"
        assert [p.family_name for p in moved_meeting.attendees.all()] == ["Oud"]
        Interaction = current_apps.get_model("people", "Interaction")
        assert Interaction._base_manager.get(summary="Gebeld").people.get().family_name == "Oud"
