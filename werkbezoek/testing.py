"""Test helpers: named personas in two organisations, mail and task helpers.

Personas (like healthchecks' alice/bob/charlie): in organisation A ("welzijn-a") `admin`,
`editor` and `reader`; `outsider` is admin of organisation B only and must never see A.
"""

import re
import socket
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from unittest import mock

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP
from django.core.management import call_command
from django_scopes import scopes_disabled

from werkbezoek.accounts.models import User
from werkbezoek.organisations.models import Membership, Organisation, Role

PASSWORD = "geheim-wachtwoord-42"  # noqa: S105  (test accounts only)


def make_user(email: str, name: str = "", password: str = PASSWORD) -> User:
    return User.objects.create_user(email=email, password=password, full_name=name)


def make_organisation(slug: str, name: str | None = None, **fields) -> Organisation:
    fields.setdefault("kind", Organisation.Kind.SOCIAL_WORK)
    return Organisation.objects.create(slug=slug, name=name or slug.title(), **fields)


def add_member(organisation: Organisation, user: User, role: str) -> Membership:
    with scopes_disabled():
        return Membership.objects.create(organisation=organisation, user=user, role=role)


@dataclass
class Personas:
    org_a: Organisation
    org_b: Organisation
    admin: User
    editor: User
    reader: User
    outsider: User


def make_personas() -> Personas:
    org_a = make_organisation("welzijn-a", "Welzijn A")
    org_b = make_organisation("natuur-b", "Natuur B", kind=Organisation.Kind.NATURE_EDUCATION)
    people = Personas(
        org_a=org_a,
        org_b=org_b,
        admin=make_user("admin@a.example", "Anna Admin"),
        editor=make_user("editor@a.example", "Eddy Editor"),
        reader=make_user("reader@a.example", "Rik Reader"),
        outsider=make_user("outsider@b.example", "Olga Outsider"),
    )
    add_member(org_a, people.admin, Role.ADMIN)
    add_member(org_a, people.editor, Role.EDITOR)
    add_member(org_a, people.reader, Role.READER)
    add_member(org_b, people.outsider, Role.ADMIN)
    return people


def run_queued_tasks() -> None:
    """Run every queued background task once, as the production worker would.

    Inside a test's transaction autocommit is off, which the worker's
    close_old_connections() takes for a broken connection and closes (on PostgreSQL that
    would end the test's transaction), so that one call is skipped here.
    """
    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    ):
        call_command(
            "db_worker", queue_name="*", batch=True, startup_delay=False, reload=False, verbosity=0
        )


# --- a real SMTP server for tests ---------------------------------------------------------


@dataclass
class SmtpServer:
    host: str
    port: int
    messages: list = field(default_factory=list)
    # Scripted answers to DATA, one per attempt, e.g. ["451 4.3.0 try later"]; then "250".
    replies: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: SMTP, session, envelope):
        with self.lock:
            if self.replies:
                return self.replies.pop(0)
            self.messages.append(
                {
                    "to": list(envelope.rcpt_tos),
                    "message": message_from_bytes(envelope.content, policy=policy.default),
                }
            )
        return "250 OK"

    def clear(self):
        with self.lock:
            self.messages.clear()
            self.replies.clear()

    def bodies(self) -> list[str]:
        return [m["message"].get_body(("plain",)).get_content() for m in self.messages]

    def last_link(self) -> str:
        body = self.bodies()[-1]
        return re.search(r"https?://\S+", body).group(0)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_smtp_server() -> tuple[SmtpServer, Controller]:
    server = SmtpServer(host="127.0.0.1", port=free_port())
    controller = Controller(server, hostname=server.host, port=server.port)
    controller.start()
    return server, controller
