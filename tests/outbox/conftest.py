"""A mail server on 127.0.0.1 for the outbox's tests: it takes mails, fails, or stays mute."""

import socket
import socketserver
import threading
import time

import pytest


class FakeSMTP:
    """A small SMTP server. `mode`: "ok" (takes every mail), "busy" (451 to every sender:
    try later) or "mute" (accepts the connection and never says a word)."""

    def __init__(self, mode: str = "ok"):
        self.mode = mode
        self.messages: list[str] = []
        fake = self

        class Handler(socketserver.StreamRequestHandler):
            def reply(self, line: str) -> None:
                self.wfile.write(f"{line}\r\n".encode())

            def handle(self):
                if fake.mode == "mute":
                    time.sleep(3)
                    return
                self.reply("220 fake ESMTP")
                lines, in_data = [], False
                for raw in self.rfile:
                    line = raw.decode("utf-8", "replace").rstrip("\r\n")
                    if in_data:
                        if line == ".":
                            in_data = False
                            fake.messages.append("\n".join(lines))
                            lines = []
                            self.reply("250 queued")
                        else:
                            lines.append(line[1:] if line.startswith("..") else line)
                        continue
                    command = line[:4].upper()
                    if command in {"EHLO", "HELO"}:
                        self.reply("250 fake")
                    elif command == "MAIL" and fake.mode == "busy":
                        self.reply("451 4.3.0 try again later")
                    elif command == "DATA":
                        in_data = True
                        self.reply("354 end with .")
                    elif command == "QUIT":
                        self.reply("221 bye")
                        return
                    else:
                        self.reply("250 ok")

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def closed_port() -> int:
    """A port of 127.0.0.1 where nothing listens: the connection is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """`smtp(port)`: Django sends through SMTP on 127.0.0.1:port, waiting one second at most."""

    def use(port: int) -> None:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_TIMEOUT = 1

    return use
