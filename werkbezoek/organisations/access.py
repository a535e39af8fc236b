"""The one place that decides who may reach an organisation and what they may do there."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django_scopes import scopes_disabled

from .models import Membership, Role


def memberships_of(user) -> list[Membership]:
    """Every organisation the user belongs to, for the organisation switcher."""
    if not user.is_authenticated:
        return []
    with scopes_disabled():
        return list(
            Membership.objects.select_related("organisation")
            .filter(user=user)
            .order_by("organisation__name")
        )


def request_memberships(request) -> list[Membership]:
    """memberships_of(request.user), read once per request: the middleware picks the
    current membership from the same list the header's switcher shows."""
    if not hasattr(request, "_memberships"):
        request._memberships = memberships_of(request.user)
    return request._memberships


def membership_for(request, slug: str) -> Membership | None:
    """The user's membership of the organisation with this slug, or None. Runs before a
    scope exists: it decides which scope to enter."""
    if not request.user.is_active:
        return None
    return next((m for m in request_memberships(request) if m.organisation.slug == slug), None)


def membership_required(role: str = Role.READER):
    """View decorator: the current member must hold at least `role`, else 403.

    The middleware has already answered 404 to anyone who is not a member at all.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            membership = getattr(request, "membership", None)
            if membership is None:
                raise PermissionDenied
            if not membership.has_role(role):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.required_role = role
        return wrapped

    return decorator


def assessments_required(view):
    """View decorator (inside membership_required): pages that consist of assessments
    (stance, influence, drivers, notes) answer 403 to a member who may not see them."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        membership = getattr(request, "membership", None)
        if membership is None or not membership.sees_assessments:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


admin_required = membership_required(Role.ADMIN)
editor_required = membership_required(Role.EDITOR)
reader_required = membership_required(Role.READER)
