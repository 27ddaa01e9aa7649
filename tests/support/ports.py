"""Loopback ports for tests that start a server: one to give it, and waiting until it listens."""

from __future__ import annotations

import socket
import time


def free_port() -> int:
    """A port nothing listens on now (the OS picks it; it is released at once for the server)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, timeout: float = 30) -> None:
    """Return once something accepts connections on 127.0.0.1:``port``; fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError(f"nothing listens on 127.0.0.1:{port}")
