import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scopes_disabled

from werkbezoek import testing
from werkbezoek.organisations.models import AuditEntry, Membership, Role
from werkbezoek.testing import add_member, make_user


def membership(user, org):
    with scopes_disabled():
        return Membership.objects.get(user=user, organisation=org)


def test_admin_changes_a_role_and_it_is_logged(client_as, personas):
    target = membership(personas.editor, personas.org_a)
    client_as(personas.admin).post(
        reverse("organisations:member-role", args=["welzijn-a", target.pk]), {"role": Role.READER}
    )
    target.refresh_from_db()
    assert target.role == Role.READER
    with scopes_disabled():
        entry = AuditEntry.objects.get(action="organisations.membership.role_changed")
    assert (entry.data, entry.actor) == ({"old": "editor", "new": "reader"}, personas.admin)


def test_a_downgraded_editor_cannot_write_on_the_next_request(client_as, personas):
    editor_client = client_as(personas.editor)
    url = reverse("organisations:invite", args=["welzijn-a"])
    target = membership(personas.editor, personas.org_a)
    target.role = Role.ADMIN
    target.save()
    # A new administrator first links a second factor, then may use the admin pages.
    assert "/account/tweede-stap/instellen/" in editor_client.get(url)["Location"]
    testing.pass_second_factor(editor_client, personas.editor)
    assert editor_client.get(url).status_code == 200
    target.role = Role.READER
    target.save()
    assert editor_client.get(url).status_code == 403


def test_last_admin_cannot_step_down_or_be_removed(client_as, personas):
    admin = membership(personas.admin, personas.org_a)
    client = client_as(personas.admin)
    response = client.post(
        reverse("organisations:member-role", args=["welzijn-a", admin.pk]),
        {"role": Role.EDITOR},
        follow=True,
    )
    assert "minstens één beheerder" in response.text
    response = client.post(
        reverse("organisations:member-remove", args=["welzijn-a", admin.pk]), follow=True
    )
    assert "laatste beheerder" in response.text
    admin.refresh_from_db()
    assert admin.role == Role.ADMIN


def test_admin_removes_a_member(client_as, personas):
    target = membership(personas.reader, personas.org_a)
    client = client_as(personas.admin)
    confirm = client.get(reverse("organisations:member-remove", args=["welzijn-a", target.pk]))
    assert "Rik Reader" in confirm.text
    client.post(reverse("organisations:member-remove", args=["welzijn-a", target.pk]))
    with scopes_disabled():
        assert not Membership.objects.filter(pk=target.pk).exists()


def test_members_page_query_count_does_not_grow(client_as, personas, django_assert_max_num_queries):
    client = client_as(personas.admin)
    url = reverse("organisations:members", args=["welzijn-a"])
    client.get(url)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for number in range(15):
        add_member(personas.org_a, make_user(f"extra{number}@a.example"), Role.READER)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert "extra14@a.example" in response.text


def test_reader_sees_team_without_admin_controls(client_as, personas):
    response = client_as(personas.reader).get(reverse("organisations:members", args=["welzijn-a"]))
    assert response.status_code == 200
    assert "Collega uitnodigen" not in response.text
    assert "Openstaande uitnodigingen" not in response.text


@pytest.mark.django_db(transaction=True)
def test_two_admins_demoting_each_other_at_once_leave_one_admin(monkeypatch):
    """Each demotion waits for the other: the second sees one admin left and is refused."""
    import threading
    import time

    from django.db import connection

    if connection.vendor == "sqlite":
        # The test database is SQLite in memory, which cannot hold two writers at once; on
        # a SQLite file every write transaction is IMMEDIATE and so waits its turn anyway.
        pytest.skip("needs a database with row locks (PostgreSQL)")

    from werkbezoek import testing
    from werkbezoek.organisations import services

    with scopes_disabled():
        organisation = testing.make_organisation("samen")
        anna = testing.add_member(organisation, testing.make_user("anna@s.example"), Role.ADMIN)
        bert = testing.add_member(organisation, testing.make_user("bert@s.example"), Role.ADMIN)
    lock_admins = services._lock_admins

    def slow_lock(membership):
        found = lock_admins(membership)
        time.sleep(0.3)  # both would have counted two admins without the lock
        return found

    monkeypatch.setattr(services, "_lock_admins", slow_lock)
    outcomes = []

    def demote(membership, actor):
        try:
            with scopes_disabled():
                services.membership_change_role(
                    membership=membership, role=Role.EDITOR, actor=actor
                )
            outcomes.append("demoted")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=demote, args=(anna, bert.user)),
        threading.Thread(target=demote, args=(bert, anna.user)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["demoted", "refused"]
    with scopes_disabled():
        assert Membership.objects.filter(organisation=organisation, role=Role.ADMIN).count() == 1
