"""The site's own address, for links in e-mails and printed letters."""

from django.conf import settings


def site_url(request) -> str:
    """The configured address (WERKBEZOEK_SITE_URL), else the one this request came in on;
    without a trailing slash."""
    return (settings.WERKBEZOEK_SITE_URL or request.build_absolute_uri("/")).rstrip("/")
