"""Real processes: the task worker and gunicorn start, answer, and stop cleanly on SIGTERM.
Also `check --deploy` with production settings. They use their own SQLite file."""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from werkbezoek.testing import free_port

ROOT = Path(__file__).resolve().parents[3]


def env_for(tmp_path, **extra):
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for browser tests only
    env.update(
        {
            "WERKBEZOEK_DATA_DIR": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "WERKBEZOEK_HTTPS": "0",
            "WERKBEZOEK_WORKER_HEARTBEAT_SECONDS": "1",
        }
        | extra
    )
    return env


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def wait_for(check, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            result = check()
            if result:
                return result
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError("timed out")


@pytest.mark.slow
def test_worker_and_web_server_run_and_stop_cleanly(tmp_path):
    env = env_for(tmp_path)
    assert manage("migrate", "-v0", env=env).returncode == 0
    assert manage("collectstatic", "--noinput", "-v0", env=env).returncode == 0
    port = free_port()
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "run_worker"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    web = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "werkbezoek.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--graceful-timeout",
            "5",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:

        def health():
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                body = json.load(r)
                return body if body["worker"] else None

        assert wait_for(health) == {"status": "ok", "database": True, "worker": True, "workers": 1}
    finally:
        worker.send_signal(signal.SIGTERM)
        web.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=20) == 0, worker.stdout.read()
        assert web.wait(timeout=20) == 0, web.stdout.read()
    # The stopped worker no longer counts as alive.
    out = manage(
        "shell",
        "-c",
        "from werkbezoek.operations.health import live_workers; print(live_workers().count())",
        env=env,
    )
    assert out.stdout.strip().splitlines()[-1] == "0"


@pytest.mark.slow
def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = env_for(
        tmp_path,
        WERKBEZOEK_HTTPS="1",
        WERKBEZOEK_SECRET_KEY="x7!" + "k2p9Qz" * 10,
        WERKBEZOEK_ALLOWED_HOSTS="werkbezoek.example.org",
    )
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def worker_ids(env) -> set[str]:
    out = manage(
        "shell",
        "-c",
        "from werkbezoek.operations.health import live_workers; "
        "print(' '.join(live_workers().values_list('worker_id', flat=True)))",
        env=env,
    )
    return set(out.stdout.strip().splitlines()[-1].split()) if out.stdout.strip() else set()


@pytest.mark.slow
def test_the_local_runner_starts_a_dead_worker_again(tmp_path):
    env = env_for(tmp_path)
    assert manage("migrate", "-v", "0", env=env).returncode == 0
    runner = subprocess.Popen(
        ["sh", "scripts/run-local", sys.executable, str(free_port())],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        first = wait_for(lambda: worker_ids(env), seconds=40)
        # Kill the worker as the kernel's OOM killer would: no chance to clean up.
        found = subprocess.run(
            ["pgrep", "-f", "-s", str(runner.pid), "manage.py run_worker"],
            capture_output=True,
            text=True,
        )
        for pid in found.stdout.split():
            os.kill(int(pid), signal.SIGKILL)
        wait_for(lambda: worker_ids(env) - first, seconds=40)
    finally:
        os.killpg(runner.pid, signal.SIGTERM)
        runner.wait(timeout=30)


def test_a_locked_database_pauses_the_worker_instead_of_ending_it(monkeypatch, db):
    from django.db import OperationalError

    from werkbezoek.operations.management.commands import run_worker

    monkeypatch.setattr(run_worker, "LOCKED_PAUSE_SECONDS", 0)

    class Worker:
        running = True
        runs = 0

        def run(self):
            self.runs += 1
            if self.runs == 1:
                raise OperationalError("database is locked")

    worker = Worker()
    run_worker.run_until_stopped(worker)
    assert worker.runs == 2

    class Broken(Worker):
        def run(self):
            raise OperationalError("no such table: x")

    with pytest.raises(OperationalError):
        run_worker.run_until_stopped(Broken())


def test_the_first_stop_signal_ends_the_loop_instead_of_raising_where_it_lands(db):
    """The library's handler raised SystemExit wherever the main thread was, also inside
    the transaction that claims a task; the "stopped" mark written afterwards was then
    lost. Ours only ends the loop; a second signal still ends the process at once."""
    from django.db import connection

    from werkbezoek.operations.management.commands.run_worker import Worker

    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="w-signal",
        excluded_queue_names=[],
    )
    turns = 0

    # A signal that lands at the start of the loop's first turn, where the loop looks at
    # its connection. (Not closing it: inside the test's transaction Django would.)
    def signal_during_turn():
        nonlocal turns
        turns += 1
        if turns == 1:
            worker.shutdown(signal.SIGTERM, None)

    connection.close_if_unusable_or_obsolete = signal_during_turn
    try:
        worker.run()  # returns instead of raising SystemExit
    finally:
        del connection.close_if_unusable_or_obsolete
    assert worker.running is False
    # The second signal resets the process's handlers: put pytest's back afterwards.
    handlers = {
        number: signal.getsignal(number)
        for number in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)
    }
    try:
        with pytest.raises(SystemExit) as stopped:
            worker.shutdown(signal.SIGTERM, None)
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
    assert stopped.value.code == 1
