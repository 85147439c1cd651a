"""A small SMTP server on loopback for tests: it accepts every message and keeps it."""

import socket
import socketserver
import threading
from contextlib import contextmanager


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Session(socketserver.StreamRequestHandler):
    def _say(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self):
        self._say("220 tashbeek-test ESMTP")
        while line := self.rfile.readline():
            command = line.decode("utf-8", "replace").strip().upper()
            if command.startswith(("EHLO", "HELO")):
                self._say("250 tashbeek-test")
            elif command == "DATA":
                self._say("354 end with <CRLF>.<CRLF>")
                body = []
                while (chunk := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                    body.append(chunk)
                self.server.received.append(b"".join(body).decode("utf-8", "replace"))
                self._say("250 queued")
            elif command == "QUIT":
                self._say("221 bye")
                return
            else:  # MAIL FROM, RCPT TO, RSET, NOOP
                self._say("250 ok")


@contextmanager
def smtp_server(port: int):
    """Listen on 127.0.0.1:`port` until the block ends; yields the list of received mails."""
    socketserver.ThreadingTCPServer.allow_reuse_address = True
    server = socketserver.ThreadingTCPServer(("127.0.0.1", port), _Session)
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.received
    finally:
        server.shutdown()
        server.server_close()
