from django.tasks import task

from .services import email_deliver


@task()
def email_send(*, email_id: int) -> str:
    return email_deliver(email_id=email_id)
