"""Declared columns of the people CSV: name, whether required, and how a cell is read.

Each `clean` returns the Python value or raises ValueError with a Dutch explanation.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.translation import gettext as _

from werkbezoek.people.models import Role, Stance


def role_words() -> dict[str, str]:
    """Role names as people write them, in Dutch or English, whatever language is active."""
    words = {}
    for language in ("nl", "en"):
        with translation.override(language):
            words.update({str(label).lower(): value for value, label in Role.choices})
    return words


STANCE_WORDS = {
    "voorstander": Stance.SUPPORTER,
    "aanhanger": Stance.ADHERENT,
    "twijfelaar": Stance.DOUBTER,
    "tegenstander": Stance.OPPONENT,
    "onbekend": Stance.UNKNOWN,
    "": "",
}
YES_WORDS = {
    "ja": True,
    "j": True,
    "yes": True,
    "1": True,
    "x": True,
    "nee": False,
    "n": False,
    "no": False,
    "0": False,
    "": False,
}


def text(limit):
    def clean(value):
        value = value.strip()
        if len(value) > limit:
            raise ValueError(_("at most %(limit)d characters") % {"limit": limit})
        return value

    return clean


def email(value):
    value = value.strip()
    if value:
        try:
            validate_email(value)
        except ValidationError:
            raise ValueError(_("'%(value)s' is not an e-mail address") % {"value": value}) from None
    return value.lower()


def role(value):
    word = value.strip().lower()
    if not word:
        return Role.OTHER
    words = role_words()
    if word in words:
        return words[word]
    if word in Role.values:
        return word
    raise ValueError(
        _("'%(value)s' is not a known role; use for example ambtenaar, journalist, raadslid")
        % {"value": value}
    )


def stance(value):
    word = value.strip().lower()
    if word not in STANCE_WORDS:
        raise ValueError(
            _(
                "'%(value)s' is not a stance; use voorstander, aanhanger, twijfelaar, "
                "tegenstander or onbekend"
            )
            % {"value": value}
        )
    return STANCE_WORDS[word]


def influence(value):
    value = value.strip()
    if not value:
        return None
    if not value.isdecimal() or not 1 <= int(value) <= 5:
        raise ValueError(_("'%(value)s' is not a number from 1 to 5") % {"value": value})
    return int(value)


def yes_no(value):
    word = value.strip().lower()
    if word not in YES_WORDS:
        raise ValueError(_("'%(value)s' is not ja or nee") % {"value": value})
    return YES_WORDS[word]


def themes(value):
    return [theme.strip() for theme in value.split("|") if theme.strip()][:30]


@dataclass(frozen=True)
class Column:
    name: str
    clean: Callable
    required: bool = False
    example: str = ""


PEOPLE_COLUMNS = [
    Column("kenmerk", text(100), example="A-17"),
    Column("achternaam", text(150), required=True, example="Jansen"),
    Column("tussenvoegsel", text(30), example="de"),
    Column("voorletters", text(30), example="P.M."),
    Column("voornaam", text(100), example="Petra"),
    Column("functie", role, example="ambtenaar"),
    Column(
        "organisatie_of_functietitel", text(200), example="Beleidsadviseur wonen, gemeente Assen"
    ),
    Column("aanhef", text(150), example="Geachte mevrouw Jansen"),
    Column("email", email, example="p.jansen@example.org"),
    Column("telefoon", text(30), example="0592 000 000"),
    Column("standpunt", stance, example="twijfelaar"),
    Column("invloed", influence, example="3"),
    Column("drijfveren", text(2000), example="Betaalbare woningen voor jongeren"),
    Column("themas", themes, example="Wonen|Jongeren"),
    Column("notities", text(5000), example=""),
    Column("niet_benaderen", yes_no, example="nee"),
]
