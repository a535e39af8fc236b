"""{% org_url "people:map" %}: the URL of one of the current organisation's pages, as
{% url "people:map" organisation.slug %} gives it, reversed once per process (a page with a
dozen such links spent more on reversing them than on writing the rest of it)."""

from django import template

from werkbezoek.lib.urls import cached_url

register = template.Library()


@register.simple_tag(takes_context=True)
def org_url(context, viewname):
    return cached_url(viewname, context["organisation"].slug)
