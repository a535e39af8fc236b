"""Pieces of register, stakeholder-map and home-page markup written out in Python: in long
lists and charts an {% include %} or a template loop per row costs more than the rest of
the page. Every value is escaped here (html.escape, format_html)."""

import functools
from html import escape

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

from werkbezoek.people import stakeholder_map
from werkbezoek.people.forms import MORE_FILTERS
from werkbezoek.people.models import Stance

register = template.Library()


@register.simple_tag
def stance_badge(stance):
    """<span class="stance stance-doubter">Twijfelaar</span>; no stance reads "Onbekend"."""
    return mark_safe(_stance_badge(stance))  # noqa: S308 - escaped in _stance_badge


def _stance_badge(stance):
    known = stance if stance in Stance.values else Stance.UNKNOWN
    return _stance_badge_in(get_language(), known)


# The few fixed pieces a register row repeats, translated once per language and process
# (the key holds the language active when they are made): 25 rows asked gettext for them
# some hundred times a page.
@functools.cache
def _stance_badge_in(language, stance):
    return f'<span class="stance stance-{stance}">{escape(str(Stance(stance).label))}</span>'


@functools.cache
def _row_texts(language):
    return {
        "unknown": f'<span class="muted">{escape(_("party group unknown"))}</span>',
        "do_not_contact": f' <span class="badge warn">{escape(_("do not contact"))}</span>',
        "never": f'<td><span class="muted">{escape(_("never"))}</span></td>',
    }


@register.simple_tag
def roles_cell(roles):
    """A person's current roles (selectors.held_roles), one per line: "Raadslid · PRO ·
    Gemeenteraad Assen"; a seat whose party group no source gives says so."""
    return mark_safe(_roles_cell(roles))  # noqa: S308 - escaped in _roles_cell


def _roles_cell(roles):
    if not roles:
        return '<span class="muted">—</span>'
    unknown = _row_texts(get_language())["unknown"]
    return "<br>".join(_role_line(role, unknown) for role in roles)


def _role_line(role, unknown):
    if role.party_group:
        group = " · " + escape(role.party_group.name)
    else:
        group = " · " + unknown if role.public_without_group else ""
    place = role.body.name if role.body else role.title
    return escape(str(role.label)) + group + (" · " + escape(place) if place else "")


@register.simple_tag
def register_rows(rows, sees_assessments):
    """The register's rows, (person, assessment) each: one tag for the page, not one per row."""
    return mark_safe(  # noqa: S308 - every part escaped in register_row
        "\n".join(register_row(person, assessment, sees_assessments) for person, assessment in rows)
    )


def register_row(person, assessment, sees_assessments):
    """One row of the register: name (and a do-not-contact warning), current roles, stance
    and influence (for who may see assessments), last contact and owner. Written out in
    one go with the standard library's escape: the 25 rows' format_html calls (each a lazy
    check of every argument) cost more than the page's queries."""
    texts = _row_texts(get_language())
    warning = texts["do_not_contact"] if assessment and assessment.do_not_contact else ""
    cells = [
        f'<td><a href="{escape(person.url)}">{escape(person.display_name)}</a>{warning}</td>',
        f"<td>{_roles_cell(person.roles)}</td>",
    ]
    if sees_assessments:
        stance = assessment.stance if assessment else ""
        influence = assessment.influence if assessment else None
        cells.append(f"<td>{_stance_badge(stance or 'unknown')}</td>")
        cells.append(f"<td>{influence or '—'}</td>")
    if person.last_contact:
        cells.append(f"<td>{escape(date_format(person.last_contact, 'j F Y'))}</td>")
    else:
        cells.append(texts["never"])
    owner = assessment.owner_name if assessment else ""
    cells.append(f"<td>{escape(owner) if owner else '—'}</td>")
    return mark_safe("<tr>" + "".join(cells) + "</tr>")  # noqa: S308 - every part escaped


@register.simple_tag
def coverage_member(member, sees_assessments):
    """One member of a party group on the coverage page: name (a link), extra titles, an
    own completion of the group, and stance and influence for who may see assessments."""
    parts = [format_html('<a href="{}">{}</a>', member.person.url, member.person.display_name)]
    parts += [format_html(' <span class="muted">· {}</span>', t.lower()) for t in member.titles]
    if member.completed:
        parts.append(
            format_html(' <span class="tag">{}</span>', _("completed by your organisation"))
        )
    if sees_assessments:
        assessment = member.assessment
        parts.append(" " + stance_badge(assessment.stance if assessment else "unknown"))
        if assessment and assessment.influence:
            parts.append(
                format_html(
                    ' <span class="muted">{} {}</span>', _("influence"), assessment.influence
                )
            )
    return mark_safe("<li>" + "".join(parts) + "</li>")  # noqa: S308 - parts by format_html


@register.simple_tag
def filter_fields(form, part="all"):
    """The register's and the map's filters, each with its label, help and errors, written
    out rather than through field.as_field_group: a template per field, and a template
    lookup per attribute, cost more than the page's queries. "Only people with an
    assessment" is left out here: the page puts it as a check box beside the button.
    `part` "main" leaves out the register's MORE_FILTERS, "more" writes only those."""
    shown = {
        "all": lambda name: True,
        "main": lambda name: name not in MORE_FILTERS,
        "more": lambda name: name in MORE_FILTERS,
    }[part]
    parts = [str(field) for field in form.hidden_fields()] if part != "more" else []
    for field in form.visible_fields():
        if field.name == "in_register" or not shown(field.name):
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


@register.simple_tag
def stakeholder_map_svg(cells, dots, register_url):
    """The stakeholder map as SVG: the axes, then a circle with a count per cell (a crowded
    map, `cells`) or a dot per person (`dots`). Written out rather than by template loops
    over some hundred coordinates; numbers with a decimal point, whatever the language."""
    shapes = "".join(
        f'<a href="{escape(register_url)}?in_register=on&amp;stance={escape(shape["stance"])}'
        f'&amp;influence={shape["influence"]}" class="map-dot map-dot-{escape(shape["stance"])}">'
        f'<circle cx="{_number(shape["x"])}" cy="{_number(shape["y"])}" r="{_number(shape["r"])}">'
        f"<title>{shape['count']}</title></circle>"
        f'<text x="{_number(shape["x"])}" y="{_number(shape["y"])}" text-anchor="middle" '
        f'dominant-baseline="central" class="map-count">{shape["count"]}</text></a>'
        for shape in (cells or {}).get("shapes", ())
    )
    influence = _("influence")
    people = "".join(
        f'<a href="{escape(dot.person.url)}" '
        f'class="map-dot map-dot-{escape(dot.assessment.stance)}">'
        f'<circle cx="{_number(dot.x)}" cy="{_number(dot.y)}" r="8"><title>'
        f"{escape(dot.person.display_name)} — {escape(dot.assessment.get_stance_display())}, "
        f"{escape(influence)} {dot.assessment.influence}</title></circle></a>"
        for dot in dots or ()
    )
    # Every part above is escaped.
    return mark_safe(f"{_map_axes(get_language())}{shapes}{people}</svg>")  # noqa: S308


_AXES: dict[str, str] = {}


def _map_axes(language):
    """The map's frame, the same on every page in one language: built once per language."""
    if language not in _AXES:
        grid = stakeholder_map.grid()
        columns = "".join(
            f'<rect x="{_number(column["left"])}" y="{grid["top"]}" '
            f'width="{_number(grid["cell_w"])}" height="{grid["plot_height"]}" '
            f'class="map-column map-{column["stance"]}"></rect>'
            f'<text x="{_number(column["x"])}" y="{grid["height"] - 20}" text-anchor="middle" '
            f'class="map-label">{escape(str(column["label"]))}</text>'
            for column in grid["columns"]
        )
        rows = "".join(
            f'<line x1="{grid["left"]}" x2="{grid["width"]}" y1="{_number(row["top"])}" '
            f'y2="{_number(row["top"])}" class="map-line"></line>'
            f'<text x="{grid["left"] - 12}" y="{_number(row["y"])}" text-anchor="end" '
            f'dominant-baseline="middle" class="map-label">{row["influence"]}</text>'
            for row in grid["rows"]
        )
        top = grid["top"] + 10
        _AXES[language] = (
            f'<svg viewBox="0 0 {grid["width"]} {grid["height"]}" role="group" '
            'aria-labelledby="map-title map-desc" class="stakeholder-map">'
            f'<title id="map-title">{escape(_("Stakeholder map"))}</title>'
            f'<desc id="map-desc">{escape(_(MAP_DESCRIPTION))}</desc>'
            f"{columns}{rows}"
            f'<text x="14" y="{top}" class="map-axis" transform="rotate(-90 14 {top})" '
            f'text-anchor="end">{escape(_("Influence"))} →</text>'
        )
    return _AXES[language]


MAP_DESCRIPTION = gettext_noop(
    "Horizontal: stance, from opponent on the left to supporter on the right. Vertical: "
    "influence from 1 at the bottom to 5 at the top. The table below holds the same "
    "information."
)


def _number(value):
    """An SVG coordinate: one decimal at most, always a decimal point."""
    return str(round(value, 1))


@register.simple_tag
def contact_bars(rows):
    """The bars of a home-page chart of contacts per party group (people.views.home_part
    worked out their geometry): a label, a bar and the number per group."""
    return mark_safe(  # noqa: S308 - every value escaped or a number
        "".join(
            f'<text x="0" y="{_number(row["text_y"])}" class="label">{escape(row["label"])}</text>'
            f'<rect x="160" y="{_number(row["y"])}" width="{_number(row["width"])}" height="18" '
            f'class="chart-bar"></rect><text x="{_number(row["value_x"])}" '
            f'y="{_number(row["text_y"])}" class="value">{row["contacts"]}</text>'
            for row in rows
        )
    )


@register.simple_tag
def contact_table_rows(rows):
    """The same numbers as the charts, as table rows: group, body, seats, contacts."""
    return mark_safe(  # noqa: S308 - every value escaped or a number
        "".join(
            f'<tr><th scope="row">{escape(row["group"].name)}</th>'
            f"<td>{escape(row['group'].body_name)}</td>"
            f"<td>{row['seats'] if row['seats'] else '—'}</td><td>{row['contacts']}</td></tr>"
            for row in rows
        )
    )
