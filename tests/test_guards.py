"""Guards that keep the architecture's rules true. Each one scans the source, so a new
file that breaks a rule fails here, with the place and the rule it broke."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "werkbezoek"

# Where scopes_disabled() may appear, and why. Everything else runs in one organisation's
# scope: a request (the middleware) or a task (organisations.tasks.organisation_task).
SCOPES_DISABLED_ALLOWED = {
    ("organisations/access.py", "membership_for"): "decides which scope to enter",
    ("organisations/access.py", "memberships_of"): "the user's own memberships, any org",
    ("organisations/middleware.py", "__call__"): "the Django admin, superusers only",
    ("organisations/services.py", "invitation_by_token"): "the secret link is the key",
    ("organisations/services.py", "invitation_accept"): "the secret link is the key",
    ("organisations/demo.py", "demo_logins"): "start-up message of the local demo",
    ("calendars/services.py", "refresh_due_subscriptions"): "periodic fan-out: ids only",
    ("people/public_data.py", "load_tweede_kamer"): "loader of public reference data",
    ("people/public_data.py", "load_assen_2026"): "loader of public reference data",
    ("people/public_data.py", "load_committee_meetings"): "loader of public reference data",
    ("people/public_data.py", "load_almanak"): "loader of public reference data",
    ("testing.py", "add_member"): "test data builder",
}

WRITE_METHODS = {
    "save",
    "delete",
    "create",
    "update",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
}


def source_files(exclude_tests=True):
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if "/migrations/" in relative:
            continue
        if exclude_tests and "/tests/" in relative:
            continue
        yield relative, ast.parse(path.read_text(), filename=str(path))


def calls_in(tree):
    """(enclosing function name, call node) for every call in the module."""
    found = []

    def visit(node, function):
        for child in ast.iter_child_nodes(node):
            name = function
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                name = child.name
            if isinstance(child, ast.Call):
                found.append((name, child))
            visit(child, name)

    visit(tree, "<module>")
    return found


def called_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def scopes_disabled_places(files):
    return {
        (relative, function)
        for relative, tree in files
        for function, call in calls_in(tree)
        if called_name(call) == "scopes_disabled"
    }


def view_writes(files):
    problems = []
    for relative, tree in files:
        if not relative.endswith("views.py"):
            continue
        for function, call in calls_in(tree):
            name = called_name(call)
            is_atomic = name == "atomic"
            if name in WRITE_METHODS or is_atomic:
                problems.append(f"{relative}:{call.lineno} {function}() calls .{name}(")
    return problems


def test_scopes_disabled_only_in_the_named_places():
    places = scopes_disabled_places(source_files())
    assert places - SCOPES_DISABLED_ALLOWED.keys() == set(), "add a scope, not scopes_disabled"
    # A place that no longer needs it leaves the list too, so the list stays the truth.
    assert SCOPES_DISABLED_ALLOWED.keys() - places == set()


def test_the_scopes_disabled_guard_finds_a_new_use():
    tree = ast.parse(
        "from django_scopes import scopes_disabled\n"
        "def sneaky():\n    with scopes_disabled():\n        pass\n"
    )
    assert scopes_disabled_places([("visits/selectors.py", tree)]) == {
        ("visits/selectors.py", "sneaky")
    }


def test_views_never_write():
    assert view_writes(source_files()) == []


@pytest.mark.parametrize(
    "line",
    [
        "form.save()",
        "guest.delete()",
        "Guest.objects.create(name='x')",
        "Visit.objects.filter(pk=1).update(title='x')",
        "transaction.atomic()",
    ],
)
def test_the_view_guard_finds_a_write(line):
    tree = ast.parse(f"def view(request):\n    {line}\n")
    assert len(view_writes([("visits/views.py", tree)])) == 1
