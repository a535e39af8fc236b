"""Small pieces of register markup used in long lists, where an {% include %} per row
costs more than the rest of the row."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from werkbezoek.people.models import Stance

register = template.Library()


@register.simple_tag
def stance_badge(stance):
    """<span class="stance stance-doubter">Twijfelaar</span>; no stance reads "Onbekend"."""
    known = stance if stance in Stance.values else Stance.UNKNOWN
    return format_html('<span class="stance stance-{}">{}</span>', known, Stance(known).label)


@register.simple_tag
def roles_cell(roles):
    """A person's current roles (selectors.held_roles), one per line: "Raadslid · PRO ·
    Gemeenteraad Assen"; a seat whose party group no source gives says so."""
    if not roles:
        return format_html('<span class="muted">{}</span>', "—")
    unknown = format_html('<span class="muted">{}</span>', _("party group unknown"))
    return format_html_join(
        mark_safe("<br>"), "{}", ((_role_line(role, unknown),) for role in roles)
    )


def _role_line(role, unknown):
    group = (
        role.party_group.name if role.party_group else unknown if role.public_without_group else ""
    )
    place = role.body.name if role.body else role.title
    return format_html(
        "{}{}{}",
        role.label,
        format_html(" · {}", group) if group else "",
        format_html(" · {}", place) if place else "",
    )
