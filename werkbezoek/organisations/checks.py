"""System check: every model that carries an organisation must use the scoped manager."""

from django.apps import apps
from django.core import checks

OWN_APPS_PREFIX = "werkbezoek."


def is_scoped(model) -> bool:
    from .scoping import OrganisationScopedManager

    return isinstance(model._default_manager, OrganisationScopedManager)


def organisation_owned_models():
    for model in apps.get_models():
        if not model.__module__.startswith(OWN_APPS_PREFIX):
            continue
        if any(field.name == "organisation" for field in model._meta.get_fields()):
            yield model


@checks.register()
def check_scoped_managers(app_configs=None, **kwargs):
    return [
        checks.Error(
            f"{model._meta.label} carries an organisation but no organisation-scoped manager.",
            hint="Add objects = OrganisationScopedManager() (or SharedOrOwnManager()).",
            obj=model,
            id="werkbezoek.E001",
        )
        for model in organisation_owned_models()
        if not is_scoped(model)
    ]
