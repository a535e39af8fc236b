from datetime import timedelta

from django.utils import timezone

from werkbezoek.operations.models import WorkerHeartbeat


def test_without_a_worker_it_answers_503(client, db):
    """No worker means no mail: a load balancer or monitor must see that."""
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": True, "worker": False, "workers": 0}


def test_it_sees_a_fresh_heartbeat(client, db):
    WorkerHeartbeat.objects.create(worker_id="w1", hostname="h", pid=1)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["worker"] is True


def test_healthz_answers_over_plain_http_when_https_is_enforced(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    WorkerHeartbeat.objects.create(worker_id="w1", hostname="h", pid=1)
    assert client.get("/healthz").status_code == 200
    assert client.get("/account/inloggen/").status_code == 301


def test_a_stale_or_stopped_worker_does_not_count(client, db, settings):
    old = timezone.now() - timedelta(seconds=4 * settings.WERKBEZOEK_WORKER_HEARTBEAT_SECONDS)
    WorkerHeartbeat.objects.create(worker_id="w1", hostname="h", pid=1, last_seen=old)
    WorkerHeartbeat.objects.create(worker_id="w2", hostname="h", pid=2, stopped_at=timezone.now())
    assert client.get("/healthz").json()["workers"] == 0


def test_html_pages_carry_security_headers_and_csp_nonce(client, db):
    response = client.get("/account/inloggen/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "'nonce-" in csp and "frame-ancestors 'none'" in csp
    nonce = csp.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.text  # the htmx script carries it
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
