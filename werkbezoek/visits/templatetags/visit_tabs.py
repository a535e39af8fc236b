"""{% visit_tabs %}: the tabs of a visit's pages (visits/_nav.html), written out in Python.
As eleven {% url %} tags each with its translation and comparison, they cost a visit page
about a twentieth of its time; the links are reversed once per process (lib.urls). Every
value is escaped here."""

from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from werkbezoek.lib.urls import cached_url

register = template.Library()

TABS = [
    ("visits:detail", gettext_lazy("Overview")),
    ("visits:guests", gettext_lazy("Who comes")),
    ("visits:dates", gettext_lazy("Date")),
    ("visits:programme", gettext_lazy("Programme")),
    ("visits:checklist", gettext_lazy("Checklist")),
    ("visits:media", gettext_lazy("Media")),
    ("visits:invitation", gettext_lazy("Invitation")),
    ("visits:answers", gettext_lazy("Answers")),
    ("visits:day", gettext_lazy("On the day")),
    ("visits:report", gettext_lazy("Report")),
    ("documents:list", gettext_lazy("Documents")),
]


@register.simple_tag(takes_context=True)
def visit_tabs(context):
    """One <li> per tab; the tab of the page shown is marked as the current page."""
    path = context["request"].path
    slug, pk = context["organisation"].slug, context["visit"].pk
    items = []
    for viewname, label in TABS:
        url = cached_url(viewname, slug, pk)
        current = ' aria-current="page"' if url == path else ""
        items.append(f'<li><a href="{escape(url)}"{current}>{escape(str(label))}</a></li>')
    return mark_safe("\n    ".join(items))  # noqa: S308 - every part escaped
