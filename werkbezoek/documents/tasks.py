"""Documents are made in the background, in the organisation's scope."""

from werkbezoek.organisations.tasks import organisation_task

from .services import document_generate


@organisation_task()
def document_make(*, organisation, file_id: int, base_url: str = ""):
    return document_generate(file_id=file_id, base_url=base_url)
