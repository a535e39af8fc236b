from .access import request_memberships

# Which item of the organisation menu a page belongs to, by URL name.
NAV_SECTIONS = {
    "organisations:dashboard": "overview",
    "organisations:profile": "profile",
    "organisations:profile-edit": "profile",
    "organisations:umbrella": "profile",
    "organisations:members": "team",
    "organisations:invite": "team",
    "organisations:member-remove": "team",
    "people:register": "relations",
    "people:map": "relations",
    "people:coverage": "relations",
    "imports:people": "relations",
    "people:create": "relations",
    "people:detail": "relations",
    "people:edit": "relations",
    "people:assessment": "relations",
    "people:stance": "relations",
    "people:contact": "relations",
    "people:access-log": "team",
    "people:review": "team",
    "people:privacy-export": "relations",
    "people:erase": "relations",
    "people:merge": "relations",
    "people:position-add": "relations",
    "people:position-edit": "relations",
    "visits:list": "visits",
    "visits:create": "visits",
    "visits:detail": "visits",
    "visits:edit": "visits",
    "visits:guests": "visits",
    "visits:guest": "visits",
    "visits:dates": "visits",
    "visits:programme": "visits",
    "visits:checklist": "visits",
    "visits:media": "visits",
    "visits:invitation": "visits",
    "visits:answers": "visits",
    "visits:report": "visits",
    "visits:day": "visits",
    "visits:results": "visits",
    "documents:list": "visits",
    "calendars:list": "visits",
    "actions:choose": "actions",
    "actions:plan": "actions",
    "actions:rating": "actions",
    "visits:commitments": "commitments",
    "visits:commitment": "commitments",
    "umbrella:overview": "umbrella",
    "umbrella:questions": "umbrella",
    "umbrella:sessions": "umbrella",
    "umbrella:question": "umbrella",
    "umbrella:templates": "umbrella",
    "umbrella:template": "umbrella",
    "umbrella:template-new": "umbrella",
    "umbrella:template-version": "umbrella",
}


def organisation(request):
    """The current organisation and the user's other organisations, for the header."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    match = getattr(request, "resolver_match", None)
    return {
        "organisation": getattr(request, "organisation", None),
        "membership": getattr(request, "membership", None),
        "user_memberships": request_memberships(request),
        "nav_section": NAV_SECTIONS.get(getattr(match, "view_name", None)),
    }
