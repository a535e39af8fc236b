"""Tenancy: resolve /o/<slug>/, check membership, run the view inside the organisation's scope."""

import re

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled

from .access import membership_for

ORGANISATION_PATH = re.compile(r"^/o/(?P<slug>[^/]+)/")
ADMIN_PATH = "/admin/"
LAST_ORGANISATION_KEY = "last_organisation"


class OrganisationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.organisation = None
        request.membership = None
        path = request.path_info

        if path.startswith(ADMIN_PATH):
            # The Django admin is for superusers only and spans organisations on purpose.
            if request.user.is_authenticated and request.user.is_superuser:
                with scopes_disabled():
                    return self.get_response(request)
            return self.get_response(request)

        match = ORGANISATION_PATH.match(path)
        if not match:
            # Outside /o/<slug>/ no scope is active: any query on organisation data raises.
            return self.get_response(request)

        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())

        membership = membership_for(request, match["slug"])
        if membership is None:
            # Same answer for "does not exist" and "not yours": nothing leaks.
            raise Http404(_("This organisation does not exist or you are not a member of it."))

        request.membership = membership
        request.organisation = membership.organisation
        if request.session.get(LAST_ORGANISATION_KEY) != membership.organisation.slug:
            request.session[LAST_ORGANISATION_KEY] = membership.organisation.slug
        with scope(organisation=membership.organisation):
            response = self.get_response(request)
        # Every page and download here may hold personal data: no browser or proxy keeps it.
        patch_cache_control(response, no_store=True, private=True)
        return response
