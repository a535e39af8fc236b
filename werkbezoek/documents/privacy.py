"""Made documents name the guests (letters, run sheets, briefings, press releases): an
access request lists them and an erasure deletes them (they can be made again)."""

from django.utils.translation import gettext as _

from werkbezoek.people.privacy import PersonDataKeeper, Section

from .models import GeneratedFile


def _naming(person):
    return GeneratedFile.objects.filter(named_people__contains=f"|{person.pk}|")


def export(organisation, person) -> list[Section]:
    files = _naming(person).select_related("visit").defer("content")
    return [
        Section(
            "documents",
            _("Documents that name the person"),
            is_list=True,
            items=[
                [
                    ("document", _("Document"), file.get_kind_display()),
                    ("visit", _("Visit"), file.visit.title),
                    ("made", _("Made"), file.created_at),
                ]
                for file in files
            ],
        )
    ]


def erase(organisation, person, tombstone: str) -> dict:
    return {"documents": _naming(person).delete()[0]}


def merge(organisation, source, target) -> None:
    """Documents are made again from the visit; nothing to move."""


KEEPER = PersonDataKeeper(export=export, erase=erase, merge=merge)
