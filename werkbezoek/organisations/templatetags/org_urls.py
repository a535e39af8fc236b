"""{% org_url "people:map" %}: the URL of one of the current organisation's pages, as
{% url "people:map" organisation.slug %} gives it, and {% org_url "visits:detail" visit.pk %}
that of one of its records, as {% url "visits:detail" organisation.slug visit.pk %} gives
it: reversed once per process (lib.urls). A {% url %} tag costs some 60 µs, and a page with
a few dozen such links spent more on reversing them than on writing the rest of it."""

from django import template

from werkbezoek.lib.urls import cached_url

register = template.Library()


@register.simple_tag(takes_context=True)
def org_url(context, viewname, pk=None):
    return cached_url(viewname, context["organisation"].slug, pk)
