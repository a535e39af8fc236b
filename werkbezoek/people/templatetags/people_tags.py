"""Small pieces of register markup used in long lists, where an {% include %} per row
costs more than the rest of the row."""

from django import template
from django.utils.html import format_html

from werkbezoek.people.models import Stance

register = template.Library()


@register.simple_tag
def stance_badge(stance):
    """<span class="stance stance-doubter">Twijfelaar</span>; no stance reads "Onbekend"."""
    known = stance if stance in Stance.values else Stance.UNKNOWN
    return format_html('<span class="stance stance-{}">{}</span>', known, Stance(known).label)
