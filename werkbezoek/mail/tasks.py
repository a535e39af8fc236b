from django.tasks import task

from .services import email_deliver


# Mail goes before everything else in the queue: a slow calendar never holds it up.
@task(priority=50)
def email_send(*, email_id: int) -> str:
    return email_deliver(email_id=email_id)
