"""A small stand-in Telegram Bot API for the benchmarks, on 127.0.0.1.

The benchmarks measure the bot, not a test double, so this serves only what
the bot calls while it starts and answers private questions, and does as
little as it can per call: no HTML checking, no message store, no faults.
Anything else gets Telegram's 404, which the benchmarks report as a failed
call rather than hiding. It records every call (method, parameters, arrival
time, status) and, for every getUpdates answer, when it left and which
updates it carried — the two clocks the throughput figures are built from.

The test suite has its own, thorough stand-in; the benchmarks do not import
from ``tests/``, so either can change without breaking the other.
"""

from __future__ import annotations

import itertools
import json
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self
from urllib.parse import parse_qsl, urlsplit

JSON = dict[str, Any]

# Parameters the bot sends as plain strings: never read them as JSON ("123" stays text).
STRING_PARAMS = frozenset({"text", "callback_query_id", "description", "short_description"})


@dataclass
class Call:
    """One request as the server saw it; ``status`` is filled once it is answered."""

    method: str
    params: JSON
    time: float  # time.monotonic() at arrival
    status: int | None = None

    @property
    def ok(self) -> bool:
        return self.status == 200


def _decode(content_type: str, body: bytes) -> JSON:
    """PTB posts form fields whose values are JSON (strings bare); JSON bodies also work."""
    if not body:
        return {}
    if content_type.split(";", 1)[0].strip().lower() == "application/json":
        data = json.loads(body)
        return data if isinstance(data, dict) else {}
    params: JSON = {}
    for key, value in parse_qsl(body.decode("utf-8"), keep_blank_values=True):
        if key in STRING_PARAMS:
            params[key] = value
            continue
        try:
            params[key] = json.loads(value)
        except ValueError:
            params[key] = value
    return params


def _reply(ok: bool, result: Any = None, status: int = 200, description: str = "") -> bytes:
    payload: JSON = {"ok": True, "result": result} if ok else {"ok": False}
    if not ok:
        payload |= {"error_code": status, "description": description}
    return json.dumps(payload, ensure_ascii=False).encode()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as Telegram; httpx pools its connections
    disable_nagle_algorithm = True  # small replies must not wait for delayed ACKs
    server: _Server

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        status, reply = self.server.api.handle(
            urlsplit(self.path).path, self.headers.get("Content-Type", ""), body
        )
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    do_GET = do_POST

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 128

    def __init__(self, api: BotApi) -> None:
        self.api = api
        super().__init__(("127.0.0.1", 0), _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away (a long poll cancelled on stop) is no error; others are."""
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)


class BotApi:
    """One bot's Bot API: serve in a thread, push updates, read the calls back.

    Every public method may be called from any thread; lists returned are copies.
    """

    def __init__(self, token: str, username: str = "fangtan_bot") -> None:
        self.token = token
        self.bot_user: JSON = {
            "id": int(token.split(":", 1)[0]),
            "is_bot": True,
            "first_name": "Fangtan",
            "username": username,
        }
        self._cond = threading.Condition()
        self._calls: list[Call] = []
        self._pending: list[JSON] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._poll = 0  # a newer getUpdates ends the one before it, as on Telegram
        self._stopping = False
        self.deliveries: list[tuple[float, list[int]]] = []
        self._methods: dict[str, Callable[[JSON], Any]] = {
            "getMe": lambda _: (
                self.bot_user | {"can_join_groups": True, "supports_inline_queries": True}
            ),
            "sendMessage": self._send_message,
            **dict.fromkeys(
                (
                    "deleteWebhook",
                    "setMyCommands",
                    "setMyDescription",
                    "setMyShortDescription",
                    "sendChatAction",
                    "answerCallbackQuery",
                ),
                lambda _: True,
            ),
        }
        self._server = _Server(self)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # ---- life ----------------------------------------------------------------------------

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        self._server.shutdown()
        self._server.server_close()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/file/bot"

    # ---- what a benchmark uses -------------------------------------------------------------

    def private_message(
        self, text: str, user_id: int, first_name: str = "User", username: str | None = None
    ) -> JSON:
        """An update (without its id) carrying ``text`` from ``user_id`` in their private chat."""
        user: JSON = {"id": user_id, "is_bot": False, "first_name": first_name}
        if username is not None:
            user["username"] = username
        chat = {k: v for k, v in user.items() if k != "is_bot"} | {"type": "private"}
        return {
            "message": {
                "message_id": next(self._message_ids),
                "from": user,
                "chat": chat,
                "date": int(time.time()),
                "text": text,
            }
        }

    def push_update(self, update: Mapping[str, Any]) -> JSON:
        """Queue ``update`` for the next getUpdates; returns it with its update_id."""
        stored = {"update_id": next(self._update_ids), **update}
        with self._cond:
            self._pending.append(stored)
            self._cond.notify_all()
        return stored

    @property
    def calls(self) -> list[Call]:
        with self._cond:
            return list(self._calls)

    def calls_of(self, method: str) -> list[Call]:
        with self._cond:
            return [c for c in self._calls if c.method == method]

    # ---- serving --------------------------------------------------------------------------

    def handle(self, path: str, content_type: str, body: bytes) -> tuple[int, bytes]:
        arrived = time.monotonic()
        token, _, method = path.removeprefix("/bot").partition("/")
        try:
            params = _decode(content_type, body)
        except ValueError:
            params = {}
        call = Call(method, params, arrived)
        with self._cond:
            self._calls.append(call)
        if token != self.token or not path.startswith("/bot"):
            status, reply = 401, _reply(False, status=401, description="Unauthorized")
        elif method == "getUpdates":
            status, reply = self._get_updates(params)
        elif method in self._methods:
            status, reply = 200, _reply(True, self._methods[method](params))
        else:
            status, reply = 404, _reply(False, status=404, description="Not Found")
        call.status = status
        return status, reply

    def _get_updates(self, params: JSON) -> tuple[int, bytes]:
        offset = int(params.get("offset") or 0)
        limit = min(max(int(params.get("limit") or 100), 1), 100)
        deadline = time.monotonic() + max(float(params.get("timeout") or 0), 0.0)
        with self._cond:
            self._poll += 1
            poll = self._poll
            self._cond.notify_all()
            self._pending = [u for u in self._pending if u["update_id"] >= offset]
            while True:
                if poll != self._poll:
                    return 409, _reply(False, status=409, description="Conflict")
                remaining = deadline - time.monotonic()
                if self._pending or self._stopping or remaining <= 0:
                    batch = self._pending[:limit]
                    if batch:
                        ids = [int(u["update_id"]) for u in batch]
                        self.deliveries.append((time.monotonic(), ids))
                    return 200, _reply(True, batch)
                self._cond.wait(remaining)

    def _send_message(self, params: JSON) -> JSON:
        chat_id = int(params["chat_id"])
        return {
            "message_id": next(self._message_ids),
            "from": self.bot_user,
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
            "date": int(time.time()),
            "text": str(params.get("text", "")),
        }
