"""Fetching a calendar subscription safely: http(s) only, never to a private, loopback or
link-local address (server-side request forgery), with size, time and redirect limits.

The host is resolved once, every address is checked, and the connection goes to the
checked address, so a DNS answer cannot change in between (DNS rebinding).
"""

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

MAX_REDIRECTS = 3


class FetchError(ValueError):
    pass


def _allowed(address: str) -> bool:
    if settings.WERKBEZOEK_FETCH_ALLOW_PRIVATE:
        return True  # tests only: they serve calendars from 127.0.0.1
    return ipaddress.ip_address(address).is_global


def check_url(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, checked address) or FetchError with the reason in Dutch."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        raise FetchError(_("Only web addresses starting with http:// or https:// can be used."))
    if not parts.hostname:
        raise FetchError(_("This web address has no server name."))
    if parts.username or parts.password:
        raise FetchError(_("Web addresses with a user name or password are not accepted."))
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise FetchError(
            _("The server %(host)s could not be found.") % {"host": parts.hostname}
        ) from None
    addresses = [info[4][0] for info in infos]
    if not addresses or not all(_allowed(address) for address in addresses):
        raise FetchError(
            _(
                "The web address points to a private or internal network address; "
                "that is not allowed."
            )
        )
    return parts.scheme, parts.hostname, port, addresses[0]


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def fetch(url: str, *, max_bytes: int | None = None, timeout: float | None = None) -> bytes:
    max_bytes = max_bytes or settings.WERKBEZOEK_CALENDAR_MAX_BYTES
    timeout = timeout or settings.WERKBEZOEK_FETCH_TIMEOUT_SECONDS
    deadline = time.monotonic() + timeout
    for _attempt in range(MAX_REDIRECTS + 1):
        scheme, host, port, address = check_url(url)
        cls = _PinnedHTTPS if scheme == "https" else _PinnedHTTP
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchError(_("The server took too long to answer."))
        connection = cls(host, port, address, remaining)
        parts = urlsplit(url)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        # The socket timeout bounds each read, not the whole: a server that sends a byte a
        # second would never time out. At the deadline this closes the connection instead.
        watchdog = threading.Timer(remaining, _cut, args=[connection])
        watchdog.daemon = True
        watchdog.start()
        try:
            connection.request(
                "GET", path, headers={"User-Agent": "Werkbezoek", "Accept": "text/calendar, */*"}
            )
            response = connection.getresponse()
            if response.status in {301, 302, 303, 307, 308}:
                location = response.getheader("Location")
                if not location:
                    raise FetchError(_("The server redirected without an address."))
                url = urljoin(url, location)
                continue
            if response.status != 200:
                raise FetchError(
                    _("The server answered with status %(status)d.") % {"status": response.status}
                )
            length = response.getheader("Content-Length")
            if length and length.isdecimal() and int(length) > max_bytes:
                raise FetchError(_too_big(max_bytes))
            chunks, size = [], 0
            while chunk := response.read1(64 * 1024):
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(_too_big(max_bytes))
                if time.monotonic() > deadline:
                    raise FetchError(_("The server took too long to answer."))
                chunks.append(chunk)
            return b"".join(chunks)
        except (OSError, ValueError, http.client.HTTPException) as error:
            late = time.monotonic() >= deadline
            if late or isinstance(error, TimeoutError | socket.timeout):
                raise FetchError(_("The server took too long to answer.")) from None
            raise FetchError(
                _("The calendar could not be fetched: %(error)s") % {"error": error}
            ) from None
        finally:
            watchdog.cancel()
            connection.close()
    raise FetchError(_("Too many redirects."))


def _cut(connection) -> None:
    """The deadline passed: end the connection, so the read that waits returns at once."""
    sock = connection.sock
    if sock is not None:
        with contextlib.suppress(OSError):  # already closed: nothing left to cut
            sock.shutdown(socket.SHUT_RDWR)


def _too_big(max_bytes: int) -> str:
    return _("The calendar is larger than %(mb)d MB; that is too large.") % {
        "mb": max_bytes // (1024 * 1024)
    }
