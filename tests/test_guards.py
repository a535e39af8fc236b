"""Guards that keep the architecture's rules true. Each one scans the source, so a new
file that breaks a rule fails here, with the place and the rule it broke."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "werkbezoek"

# Where scopes_disabled() may appear, and why. Everything else runs in one organisation's
# scope: a request (the middleware) or a task (organisations.tasks.organisation_task).
SCOPES_DISABLED_ALLOWED = {
    ("organisations/access.py", "memberships_of"): "own memberships; picks the scope",
    ("organisations/middleware.py", "__call__"): "the Django admin, superusers only",
    ("organisations/services.py", "invitation_by_token"): "the secret link is the key",
    ("organisations/services.py", "invitation_accept"): "the secret link is the key",
    ("operations/demo.py", "demo_logins"): "start-up message of the local demo",
    ("calendars/services.py", "refresh_due_subscriptions"): "periodic fan-out: ids only",
    ("people/public_data.py", "load_tweede_kamer"): "loader of public reference data",
    ("people/public_data.py", "load_assen_2026"): "loader of public reference data",
    ("calendars/public_meetings.py", "load_committee_meetings"): "loader of public reference data",
    ("people/public_data.py", "load_almanak"): "loader of public reference data",
    ("people/office_holders.py", "load_office_holders_from"): "loader of public reference data",
    ("testing.py", "add_member"): "test data builder",
}

# Where a model's unscoped base manager may be read, and why: each is a deliberate read past
# one organisation's scope (docs/tenancy.md), over ids that record a decision to share.
BASE_MANAGER_ALLOWED = {
    ("visits/shared.py", "_public_guests"): "public guests of visits members chose to share",
    ("visits/shared.py", "_shared"): "visits members chose to share, active memberships only",
    ("visits/shared.py", "invitation_load"): "counts from shared visits, never who invited",
    ("visits/shared.py", "sessions_for_member"): "umbrella sessions the member co-hosts",
    ("visits/selectors.py", "templates_to_choose"): "templates an umbrella published to members",
    ("visits/selectors.py", "umbrella_ratings"): "ratings an umbrella published to members",
    ("visits/selectors.py", "newer_version"): "a newer version of the visit's own template",
    ("visits/forms.py", "__init__"): "the ids templates_to_choose returned",
    ("visits/standard_templates.py", "ensure"): "loader of the public standard templates",
    ("people/public_data.py", "organisations_holding"): "which organisations to tell of a merge",
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


# The layers of docs/architecture.md, bottom up: an app imports only from its own layer
# or the layers below it. (`interactions` keeps only the migration history of the contact
# table, now people.Interaction.)
LAYERS = [
    {"lib", "mail", "accounts"},
    {"reference"},
    {"organisations"},
    {"people", "interactions"},
    {"calendars"},
    {"visits"},
    {"documents", "imports", "actions"},
    {"umbrella"},
    {"api"},
    {"operations"},
]
LAYER_OF = {app: number for number, apps in enumerate(LAYERS) for app in apps}


def imported_apps(relative: str, tree) -> list[tuple[int, str]]:
    """(line, app) for every import of another project app, lazy ones included."""
    package = relative.split("/")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level == 0 and node.module and node.module.startswith("werkbezoek."):
                found.append((node.lineno, node.module.split(".")[1]))
            elif node.level >= 2 and node.module:  # from ..other import x
                found.append((node.lineno, node.module.split(".")[0]))
            elif node.level == 0 and node.module == "werkbezoek":
                found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [
                (node.lineno, alias.name.split(".")[1])
                for alias in node.names
                if alias.name.startswith("werkbezoek.")
            ]
    return [(line, app) for line, app in found if app != package]


def upward_imports(files) -> list[str]:
    problems = []
    for relative, tree in files:
        package = relative.split("/")[0]
        if package not in LAYER_OF:
            continue  # settings, urls, testing.py: the project's top, not an app
        for line, app in imported_apps(relative, tree):
            if app in LAYER_OF and LAYER_OF[app] > LAYER_OF[package]:
                problems.append(f"{relative}:{line} ({package}) imports {app}")
    return problems


def test_every_app_has_a_layer():
    apps = {path.name for path in PACKAGE.iterdir() if (path / "apps.py").exists()}
    assert apps - {"lib"} <= LAYER_OF.keys()


def test_no_import_runs_up_the_layers():
    assert upward_imports(source_files()) == []


def test_the_layer_guard_finds_an_upward_import():
    tree = ast.parse("def f():\n    from werkbezoek.visits.models import Visit\n")
    assert upward_imports([("people/services.py", tree)]) == [
        "people/services.py:2 (people) imports visits"
    ]


def app_code_imports(tree) -> list[tuple[int, str]]:
    """(line, module) of every import of the project's own code (absolute or relative)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            if node.level or module.startswith("werkbezoek"):
                found.append((node.lineno, module))
        elif isinstance(node, ast.Import):
            found += [
                (node.lineno, alias.name)
                for alias in node.names
                if alias.name.startswith("werkbezoek")
            ]
    return found


# What Django itself writes into a migration by import path, and must stay importable.
MIGRATION_IMPORTS_ALLOWED = {
    "werkbezoek.accounts.models": "the User manager (use_in_migrations)",
    "werkbezoek.lib.dates": "the date-range validator of date fields",
}


def test_migrations_do_not_import_app_code():
    """A migration must keep working when the app's code changes: it uses apps.get_model."""
    problems = [
        f"{path.relative_to(PACKAGE)}:{line} imports {module}"
        for path in sorted(PACKAGE.glob("*/migrations/*.py"))
        for line, module in app_code_imports(ast.parse(path.read_text()))
        if module not in MIGRATION_IMPORTS_ALLOWED
    ]
    assert problems == []


def test_the_migration_guard_finds_app_code():
    tree = ast.parse("def create(apps, editor):\n    from werkbezoek.visits import x\n")
    assert app_code_imports(tree) == [(2, "werkbezoek.visits")]


def plain_multiple_choice_fields(files):
    """Places that use Django's own ModelMultipleChoiceField: a forged id too large for the
    database (999…999) crashes its query on SQLite; lib.forms has the one that refuses it."""
    return [
        f"{relative}:{node.lineno}"
        for relative, tree in files
        if relative != "lib/forms.py"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr == "ModelMultipleChoiceField"
        and isinstance(node.value, ast.Name)
        and node.value.id == "forms"
    ]


def test_multiple_choices_refuse_ids_too_large_for_the_database():
    assert plain_multiple_choice_fields(source_files()) == []


def test_the_multiple_choice_guard_finds_the_plain_field():
    tree = ast.parse("class F(forms.Form):\n    people = forms.ModelMultipleChoiceField()\n")
    assert plain_multiple_choice_fields([("visits/forms.py", tree)]) == ["visits/forms.py:2"]


def base_manager_places(files):
    places = set()

    def visit(relative, node, function):
        for child in ast.iter_child_nodes(node):
            name = child.name if isinstance(child, ast.FunctionDef) else function
            if isinstance(child, ast.Attribute) and child.attr == "_base_manager":
                places.add((relative, function))
            visit(relative, child, name)

    for relative, tree in files:
        visit(relative, tree, "<module>")
    return places


def test_unscoped_reads_only_in_the_named_places():
    places = base_manager_places(source_files())
    assert places - BASE_MANAGER_ALLOWED.keys() == set(), "a named, tested cross-organisation read"
    assert BASE_MANAGER_ALLOWED.keys() - places == set()


def test_the_unscoped_read_guard_finds_a_new_use():
    tree = ast.parse("def peek():\n    return Visit._base_manager.all()\n")
    assert base_manager_places([("visits/views.py", tree)]) == {("visits/views.py", "peek")}
