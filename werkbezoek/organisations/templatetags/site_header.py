"""The header of every page (base.html), written out in Python. As a template, with fifteen
links reversed and a dozen translations and conditions looked up node by node, it cost
more than the whole content of most pages (1.1 ms of a person page's 12). Every value is
escaped here."""

from html import escape

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from werkbezoek.lib.urls import cached_url

register = template.Library()

# The organisation menu: URL name, the section (context_processors.NAV_SECTIONS) whose
# pages mark it current, and its label.
ORGANISATION_MENU = [
    ("organisations:dashboard", "overview", gettext_lazy("Overview")),
    ("actions:choose", "actions", gettext_lazy("Actions per phase")),
    ("visits:list", "visits", gettext_lazy("Working visits")),
    ("people:register", "relations", gettext_lazy("Relations")),
    ("umbrella:overview", "umbrella", gettext_lazy("Umbrella")),  # umbrella bodies only
    ("visits:commitments", "commitments", gettext_lazy("Commitments")),
    ("organisations:profile", "profile", gettext_lazy("Profile")),
    ("organisations:members", "team", gettext_lazy("Team")),
]
CURRENT_ORGANISATION = ' aria-current="true"'
CURRENT_PAGE = ' aria-current="page"'


@register.simple_tag(takes_context=True)
def site_header(context):
    """The brand, the organisation switcher and the user's menu (when logged in), the
    language switch, and the current organisation's menu."""
    request = context["request"]
    token = str(context.get("csrf_token", ""))
    csrf = (
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(token)}">'
        if token and token != "NOTPROVIDED"  # noqa: S105 - what {% csrf_token %} skips
        else ""
    )
    organisation = context.get("organisation")
    bar = [f'<a class="brand" href="{escape(cached_url("home"))}">Werkbezoek</a>']
    user = context.get("user")
    if user is not None and user.is_authenticated:
        if memberships := context.get("user_memberships"):
            bar.append(_switcher(memberships, organisation))
        bar.append(_user_menu(user, csrf))
    bar.append(_language_switch(request, csrf))
    parts = ['<header class="site-header">', '<div class="bar">', *bar, "</div>"]
    if organisation:
        parts.append(_organisation_menu(organisation, context.get("nav_section")))
    parts.append("</header>")
    return mark_safe("\n".join(parts))  # noqa: S308 - every part escaped


def _switcher(memberships, organisation):
    current = escape(organisation.name) if organisation else escape(_("Choose an organisation"))
    items = [
        f'<li><a href="{escape(cached_url("organisations:dashboard", m.organisation.slug))}"'
        f"{CURRENT_ORGANISATION if m.organisation == organisation else ''}>"
        f"{escape(m.organisation.name)} "
        f'<span class="muted">({escape(str(m.get_role_display()).lower())})</span></a></li>'
        for m in memberships
    ]
    items.append(
        f'<li><a href="{escape(cached_url("organisations:create"))}">'
        f"{escape(_('New organisation…'))}</a></li>"
    )
    return (
        '<details class="menu switcher"><summary>'
        f'<span class="visually-hidden">{escape(_("Current organisation:"))}</span>'
        f"\n{current}\n</summary><ul>{''.join(items)}</ul></details>"
    )


def _user_menu(user, csrf):
    links = [
        ("accounts:password-change", _("Change password")),
        ("accounts:reminders", _("Daily reminder")),
    ]
    if user.is_superuser:
        links.append(("admin:index", _("System administration")))
    items = [
        f'<li><a href="{escape(cached_url(name))}">{escape(label)}</a></li>'
        for name, label in links
    ]
    items.append(
        f'<li><form method="post" action="{escape(cached_url("accounts:logout"))}">{csrf}'
        f'<button type="submit" class="link">{escape(_("Log out"))}</button></form></li>'
    )
    return (
        f'<details class="menu user-menu"><summary>{escape(user.get_short_name())}</summary>'
        f"<ul>{''.join(items)}</ul></details>"
    )


def _language_switch(request, csrf):
    """A button for each language other than the one in use, back to the same page."""
    current = get_language()
    buttons = "".join(
        f'<button type="submit" name="language" value="{escape(code)}" class="link" '
        f'lang="{escape(code)}">{"English" if code == "en" else "Nederlands"}</button>'
        for code, _name in settings.LANGUAGES
        if code != current
    )
    return (
        f'<form class="language" method="post" action="{escape(cached_url("set_language"))}">'
        f'{csrf}<input type="hidden" name="next" value="{escape(request.get_full_path())}">'
        f"{buttons}</form>"
    )


def _organisation_menu(organisation, section):
    items = [
        f'<li><a href="{escape(cached_url(name, organisation.slug))}"'
        f"{CURRENT_PAGE if this == section else ''}>{escape(str(label))}</a></li>"
        for name, this, label in ORGANISATION_MENU
        if this != "umbrella" or organisation.is_umbrella
    ]
    return (
        f'<nav class="org-nav" aria-label="{escape(_("Organisation"))}">'
        f"<ul>{''.join(items)}</ul></nav>"
    )
