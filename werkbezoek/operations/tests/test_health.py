from datetime import timedelta

from django.utils import timezone

from werkbezoek.operations.models import WorkerHeartbeat


def test_it_reports_database_and_no_worker(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True, "worker": False, "workers": 0}


def test_it_sees_a_fresh_heartbeat(client, db):
    WorkerHeartbeat.objects.create(worker_id="w1", hostname="h", pid=1)
    assert client.get("/healthz").json()["worker"] is True


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
