import logging

from werkbezoek.organisations.tasks import GONE, organisation_task

from .models import ImportJob

logger = logging.getLogger("werkbezoek.imports")


@organisation_task()
def people_import_task(*, organisation, job_id: int) -> str:
    from .services import people_import_failed, people_import_run

    job = ImportJob.objects.filter(pk=job_id).select_related("imported_by").first()
    if job is None:
        return GONE
    try:
        job = people_import_run(job=job)
    except Exception as error:
        logger.exception("import failed", extra={"job": job_id})
        people_import_failed(job=job, reason=str(error)[:500])
        raise
    return job.status
