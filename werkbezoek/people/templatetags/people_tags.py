"""Small pieces of register markup used in long lists, where an {% include %} per row
costs more than the rest of the row."""

from django import template
from django.utils.formats import date_format
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


@register.simple_tag
def register_row(person, assessment, sees_assessments):
    """One row of the register: name (and a do-not-contact warning), current roles, stance
    and influence (for who may see assessments), last contact and owner. Written out in
    one go: 25 rows of template lookups cost more than the page's queries."""
    warning = (
        format_html(' <span class="badge warn">{}</span>', _("do not contact"))
        if assessment and assessment.do_not_contact
        else ""
    )
    cells = [
        format_html('<td><a href="{}">{}</a>{}</td>', person.url, person.display_name, warning),
        format_html("<td>{}</td>", roles_cell(person.roles)),
    ]
    if sees_assessments:
        stance = assessment.stance if assessment else ""
        influence = assessment.influence if assessment else None
        cells.append(format_html("<td>{}</td>", stance_badge(stance or "unknown")))
        cells.append(format_html("<td>{}</td>", influence or "—"))
    cells.append(
        format_html("<td>{}</td>", date_format(person.last_contact, "j F Y"))
        if person.last_contact
        else format_html('<td><span class="muted">{}</span></td>', _("never"))
    )
    owner = assessment.owner if assessment else None
    cells.append(format_html("<td>{}</td>", owner.user if owner else "—"))
    return mark_safe("<tr>" + "".join(cells) + "</tr>")  # noqa: S308 - parts by format_html


@register.simple_tag
def filter_fields(form):
    """The register's and the map's filters, each with its label, help and errors, written
    out rather than through field.as_field_group: a template per field, and a template
    lookup per attribute, cost more than the page's queries. "Only people with an
    assessment" is left out here: the page puts it as a check box beside the button."""
    parts = [str(field) for field in form.hidden_fields()]
    for field in form.visible_fields():
        if field.name == "in_register":
            continue
        help_text = field.help_text and format_html(
            '<div class="helptext" id="{}_helptext">{}</div>', field.auto_id, field.help_text
        )
        parts.append(
            format_html(
                '<div class="field"><label for="{}">{}:</label>{}{}{}</div>',
                field.id_for_label,
                field.label,
                help_text,
                field.errors or "",  # an empty error list still renders a template
                field,
            )
        )
    return mark_safe("".join(parts))  # noqa: S308 - every part built by format_html
