"""The site served for real, on a free local port: gunicorn as deployed, or `make run`'s server."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
LOG = BASE / "var" / "bench" / "server.log"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(base: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/", timeout=30):
            return True
    except urllib.error.HTTPError as error:
        raise RuntimeError(f"GET / answered {error.code}, see {LOG}") from None
    except OSError:
        return False


def gunicorn_command(port: int, *, workers: int = 1, threads: int = 8) -> list[str]:
    worker = ["--worker-class=gthread", f"--threads={threads}"] if threads > 1 else []
    return [
        str(Path(sys.executable).parent / "gunicorn"), "fabrique.wsgi:application",
        f"--bind=127.0.0.1:{port}", f"--workers={workers}", *worker, "--preload",
    ]  # fmt: skip


def runserver_command(port: int) -> list[str]:
    """What `make run` serves: Django's development server, threaded."""
    return [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]


@contextmanager
def serve(command, **environment) -> Iterator[str]:
    """Runs `command(port)` in this process's environment (bench database) plus `environment`,
    with the site's own statement timeout; yields its base URL once it answers."""
    port = _free_port()
    LOG.parent.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "DB_STATEMENT_TIMEOUT"} | environment
    with LOG.open("ab") as log:
        process = subprocess.Popen(command(port), cwd=BASE, env=env, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while not _answers(base):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start, see {LOG}")
            time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
