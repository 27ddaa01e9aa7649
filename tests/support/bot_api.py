"""A stand-in Telegram Bot API server for end-to-end tests.

Mocking ``telegram.Bot`` methods only proves that our code calls the methods we believe it calls.
It cannot catch a parameter PTB serialises differently from what we assumed, a reply to a message
that does not exist, HTML that Telegram refuses to parse, callback data over Telegram's 64-byte
limit, or polling that never confirms its updates. So the end-to-end tests run the real
:class:`telegram.ext.Application`, with PTB's default ``HTTPXRequest``, against this server over
real HTTP on 127.0.0.1::

    with FakeBotApi(token="123:ABC", username="fangtan_bot") as api:
        app = (
            ApplicationBuilder()
            .token("123:ABC")
            .base_url(api.base_url)
            .base_file_url(api.base_file_url)
            .build()
        )
        ...  # initialize, start, updater.start_polling(poll_interval=0, timeout=1)
        update = api.push_update(api.private_message("你好"))
        [call] = await api.wait_for_async("sendMessage")
        assert call.params["chat_id"] == update["message"]["chat"]["id"]

Only the standard library is used (``http.server.ThreadingHTTPServer`` in a background thread), so
the fake has no dependencies of its own that could be mocked or drift. Because it runs in another
thread, async tests must wait with :meth:`FakeBotApi.wait_for_async`: the blocking
:meth:`FakeBotApi.wait_for` would freeze the very event loop PTB needs in order to make the call
being waited for, so it refuses to run inside an event loop.

What PTB 22 actually sends (``telegram/request/_httpxrequest.py``, ``_requestparameter.py``):
every method is a POST to ``/bot<token>/<method>`` whose body is
``application/x-www-form-urlencoded`` (``multipart/form-data`` only to upload files, which the
bot never does), never JSON. String parameters are sent verbatim while everything else (ints,
booleans, and nested objects such as ``reply_markup`` or ``reply_parameters``) is JSON-encoded
into a string, so the form value ``"123"`` could be either. The server therefore JSON-decodes
every form value except parameters the Bot API types as strings (:data:`STRING_PARAMS`); JSON
bodies, which other clients send, are taken as they are, with stringified nested objects decoded
too.

Where real Telegram rejects a request, the fake rejects it in Telegram's error shape, so tests
fail for the reasons production would: HTML that does not parse, empty or over-long texts, replies
to unknown messages, edits that change nothing, inline-button callback data over 64 bytes,
answering an unknown or already answered callback query, getUpdates while a webhook is set or
while another getUpdates is pending. Only ``parse_mode="HTML"`` is parsed; Markdown texts are
echoed back verbatim with no entities. Updates are only delivered through getUpdates; a webhook
URL is stored but never called.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import html
import json
import logging
import re
import socket
import sys
import threading
import time
import zlib
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self
from urllib.parse import parse_qsl, unquote, urlsplit

__all__ = [
    "DEFAULT_CHANNEL_ID",
    "DEFAULT_GROUP_ID",
    "DEFAULT_USER_ID",
    "STRING_PARAMS",
    "Call",
    "FakeBotApi",
    "RawRequest",
    "auto_entities",
    "decode_params",
    "parse_html",
    "utf16_len",
]

_LOGGER = logging.getLogger(__name__)

JSON = dict[str, Any]

DEFAULT_USER_ID = 424242
DEFAULT_GROUP_ID = -1001234567890
DEFAULT_CHANNEL_ID = -1009876543210

#: Bot API parameters typed as strings. PTB sends strings unencoded and everything else as JSON,
#: so these are the form values that must *not* be JSON-decoded ("123" stays a str).
STRING_PARAMS: frozenset[str] = frozenset(
    {
        "action", "address", "business_connection_id", "callback_query_id", "caption",
        "currency", "custom_emoji_id", "description", "emoji", "explanation", "file_id",
        "first_name", "game_short_name", "inline_message_id", "inline_query_id", "ip_address",
        "language_code", "last_name", "message_effect_id", "name", "next_offset", "parse_mode",
        "payload", "phone_number", "provider_token", "query", "question", "secret_token",
        "short_description", "start_parameter", "text", "title", "url", "vcard",
    }
)  # fmt: skip

# Parameters that are objects or arrays; a JSON body may still carry them JSON-encoded as strings.
_OBJECT_PARAMS = frozenset(
    {
        "allowed_updates", "button", "caption_entities", "commands", "entities",
        "link_preview_options", "media", "options", "reply_markup", "reply_parameters",
        "results", "scope",
    }
)  # fmt: skip

_CHAT_ACTIONS = frozenset(
    {
        "typing", "upload_photo", "record_video", "upload_video", "record_voice",
        "upload_voice", "upload_document", "choose_sticker", "find_location",
        "record_video_note", "upload_video_note",
    }
)  # fmt: skip

# Telegram leaves these out of getUpdates unless they are asked for by allowed_updates.
_NOT_DELIVERED_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})

_MESSAGE_KEYS = (
    "message",
    "edited_message",
    "channel_post",
    "edited_channel_post",
    "business_message",
    "edited_business_message",
)

_INLINE_BUTTON_ACTIONS = frozenset(
    {
        "url", "callback_data", "web_app", "login_url", "switch_inline_query",
        "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "copy_text",
        "callback_game", "pay",
    }
)  # fmt: skip

_NGINX_ERROR_PAGE = (
    b"<html>\r\n<head><title>STATUS</title></head>\r\n<body>\r\n"
    b"<center><h1>STATUS</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n"
    b"</body>\r\n</html>\r\n"
)

_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running",
    500: "Internal Server Error",
}

_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)


@dataclass(slots=True)
class Call:
    """One Bot API call as the server understood it.

    ``params`` holds decoded values (ints, bools, dicts), not the raw form strings, so tests can
    compare against what the bot code passed to PTB. ``time`` is ``time.monotonic()`` at arrival,
    for checking gaps such as an honoured ``retry_after``. ``status`` and ``response`` are filled
    in once the server answered; a getUpdates call is recorded on arrival so that tests can see a
    poll that is still waiting, and has ``status`` None until it returns. A call whose connection
    was dropped (:meth:`FakeBotApi.drop_next`) has ``status`` 0.
    """

    method: str
    params: JSON
    time: float
    status: int | None = None
    response: Any = None

    @property
    def ok(self) -> bool:
        return self.status == 200

    @property
    def result(self) -> Any:
        """The ``result`` Telegram returned, e.g. the sent Message dict; None for failed calls."""
        if isinstance(self.response, dict) and self.response.get("ok"):
            return self.response.get("result")
        return None


@dataclass(frozen=True, slots=True)
class RawRequest:
    """The bytes that crossed the wire, so tests can check that nothing leaks into a request."""

    http_method: str
    path: str
    headers: dict[str, str]
    body: bytes
    time: float


@dataclass(frozen=True, slots=True)
class _Reply:
    status: int
    payload: Any
    body: bytes
    content_type: str = "application/json"


@dataclass(frozen=True, slots=True)
class _Fault:
    status: int
    description: str | None
    retry_after: float | None
    kind: str = "error"  # "error", or "drop" (no response at all), or "garble" (cut-off JSON)
    chat_id: int | None = None  # only calls to this chat meet the fault


class _ApiError(Exception):
    """Raised inside method handlers; becomes Telegram's ``{"ok": false, ...}`` answer."""

    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


def _json_reply(status: int, payload: JSON) -> _Reply:
    body = json.dumps(payload, ensure_ascii=False).encode()
    return _Reply(status=status, payload=payload, body=body)


def _edited(message: JSON, markup: JSON | None) -> _Reply:
    """Both edit methods end alike: ``markup`` replaces the keyboard (None removes it), the
    edit is dated, and a copy is returned, so a later edit cannot change what was answered."""
    message.pop("reply_markup", None)
    if markup is not None:
        message["reply_markup"] = markup
    message["edit_date"] = int(time.time())
    return _ok(copy.deepcopy(message))


def _ok(result: Any, description: str | None = None) -> _Reply:
    payload: JSON = {"ok": True, "result": result}
    if description is not None:
        payload["description"] = description
    return _json_reply(200, payload)


def _error(status: int, description: str | None = None, parameters: JSON | None = None) -> _Reply:
    payload: JSON = {
        "ok": False,
        "error_code": status,
        "description": description or _DEFAULT_DESCRIPTIONS.get(status, "Unknown error"),
    }
    if parameters:
        payload["parameters"] = parameters
    return _json_reply(status, payload)


# A connection closed with no response, as when a proxy or the network drops it mid-request.
_DROPPED = _Reply(status=0, payload=None, body=b"")
# A 200 whose body was cut off: PTB cannot read it as JSON.
_GARBLED = _Reply(status=200, payload=None, body=b'{"ok":true,"result":{"message_id":')


def _fault_reply(fault: _Fault) -> _Reply:
    if fault.kind == "drop":
        return _DROPPED
    if fault.kind == "garble":
        return _GARBLED
    if fault.status >= 500 and fault.description is None:
        # Telegram's front proxy answers an unreachable backend with an nginx page, not JSON.
        try:
            phrase = HTTPStatus(fault.status).phrase
        except ValueError:
            phrase = "Error"
        body = _NGINX_ERROR_PAGE.replace(b"STATUS", f"{fault.status} {phrase}".encode())
        return _Reply(status=fault.status, payload=None, body=body, content_type="text/html")
    parameters = {"retry_after": fault.retry_after} if fault.retry_after is not None else None
    description = fault.description
    if description is None and fault.status == 429:
        description = f"Too Many Requests: retry after {fault.retry_after}"
    return _error(fault.status, description, parameters)


# --------------------------------------------------------------------------------------------
# Text and entities
# --------------------------------------------------------------------------------------------


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's entity offsets and length limits."""
    return len(text.encode("utf-16-le")) // 2


# Order matters: earlier kinds win overlaps, so "/ask@fangtan_bot" is one bot_command rather than
# a command plus a mention, and an URL's "#fragment" is not a hashtag.
_AUTO_ENTITY_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "url",
        re.compile(
            r"https?://[^\s<>\"，。！？、；：）》」』]*[^\s<>\".,;:!?)\]'，。！？、；：）》」』]"
        ),
    ),
    ("bot_command", re.compile(r"(?<![\w/])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/@])")),
    ("mention", re.compile(r"(?<![\w@])@[A-Za-z0-9_]{5,32}(?![\w@])")),
    ("hashtag", re.compile(r"(?<![\w#])#(?=\w*[^\W\d_])\w+")),
)


def auto_entities(text: str) -> list[JSON]:
    """Entities Telegram detects by itself in plain text: bot commands, @mentions, URLs, hashtags.

    PTB's ``filters.COMMAND`` and ``CommandHandler`` look only at ``entities`` (a bot_command at
    offset 0), never at the text, so updates without them would not reach command handlers.
    """
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, JSON]] = []
    for kind, pattern in _AUTO_ENTITY_PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            entity = {
                "type": kind,
                "offset": utf16_len(text[:start]),
                "length": utf16_len(match.group()),
            }
            found.append((start, entity))
    return [entity for _, entity in sorted(found, key=lambda item: item[0])]


class _HtmlError(ValueError):
    pass


_HTML_ENTITY_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}


class _TelegramHtml(HTMLParser):
    """Telegram's HTML parse mode: a fixed tag set, strict nesting, only four named entities.

    Telegram answers anything else with 400 "can't parse entities", which is exactly the bug
    (an unescaped ``<`` in a quote, a ``<br>``) that the end-to-end tests should catch.
    """

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self._source = source
        self._line_starts = [0] + [i + 1 for i, ch in enumerate(source) if ch == "\n"]
        self._out: list[str] = []
        self._units = 0
        self._open: list[tuple[str, JSON | None]] = []
        self._entities: list[JSON] = []

    def parse(self) -> tuple[str, list[JSON]]:
        self.feed(self._source)
        self.close()
        if self._open:
            tag = self._open[-1][0]
            raise _HtmlError(f'Can\'t find end tag corresponding to start tag "{tag}"')
        entities = sorted(self._entities, key=lambda e: (e["offset"], -e["length"]))
        return "".join(self._out), entities

    def _byte_offset(self) -> int:
        line, column = self.getpos()
        return len(self._source[: self._line_starts[line - 1] + column].encode())

    def _emit(self, text: str) -> None:
        self._out.append(text)
        self._units += utf16_len(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kind = _HTML_ENTITY_TYPES.get(tag)
        if kind is None:
            raise _HtmlError(f'Unsupported start tag "{tag}" at byte offset {self._byte_offset()}')
        attributes = {name: value or "" for name, value in attrs}
        entity: JSON | None = {"type": kind, "offset": self._units}
        if tag == "span" and attributes.get("class") != "tg-spoiler":
            raise _HtmlError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {self._byte_offset()}'
            )
        if tag == "a":
            href = attributes.get("href", "")
            user = re.fullmatch(r"tg://user\?id=(\d+)", href)
            if user:
                entity = {
                    "type": "text_mention",
                    "offset": self._units,
                    "user": {"id": int(user.group(1)), "is_bot": False, "first_name": "User"},
                }
            elif href:
                entity["url"] = href
            else:
                entity = None
        elif tag == "code" and self._open and self._open[-1][0] == "pre":
            # <pre><code class="language-x"> is one pre entity carrying the language.
            pre = self._open[-1][1]
            language = attributes.get("class", "")
            if pre is not None and language.startswith("language-"):
                pre["language"] = language.removeprefix("language-")
            entity = None
        elif tag == "blockquote" and "expandable" in attributes:
            entity["type"] = "expandable_blockquote"
        elif tag == "tg-emoji":
            if not attributes.get("emoji-id"):
                raise _HtmlError("Custom emoji entity must contain a valid custom emoji identifier")
            entity["custom_emoji_id"] = attributes["emoji-id"]
        self._open.append((tag, entity))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self._open:
            raise _HtmlError(f'Unexpected end tag "{tag}" at byte offset {self._byte_offset()}')
        open_tag, entity = self._open.pop()
        if open_tag != tag:
            raise _HtmlError(
                f"Unmatched end tag at byte offset {self._byte_offset()}, "
                f'expected "</{open_tag}>", found "</{tag}>"'
            )
        if entity is not None:
            entity["length"] = self._units - entity["offset"]
            if entity["length"] > 0:
                self._entities.append(entity)

    def handle_data(self, data: str) -> None:
        if "<" in data:
            raise _HtmlError(
                f'Unsupported start tag "" at byte offset {self._byte_offset()}; '
                'a literal "<" must be written as &lt;'
            )
        self._emit(data)

    def handle_entityref(self, name: str) -> None:
        # Telegram knows only these four; other names are left as literal text.
        if name in {"lt", "gt", "amp", "quot"}:
            self._emit(html.unescape(f"&{name};"))
        else:
            self._emit(f"&{name};")

    def handle_charref(self, name: str) -> None:
        try:
            code = int(name[1:], 16) if name[:1] in {"x", "X"} else int(name)
            self._emit(chr(code))
        except (ValueError, OverflowError) as exc:
            raise _HtmlError(f"Invalid character reference &#{name};") from exc

    def handle_comment(self, data: str) -> None:
        raise _HtmlError(f"Unsupported HTML comment at byte offset {self._byte_offset()}")

    def handle_decl(self, decl: str) -> None:
        raise _HtmlError(f"Unsupported HTML declaration at byte offset {self._byte_offset()}")

    def handle_pi(self, data: str) -> None:
        raise _HtmlError(f"Unsupported HTML instruction at byte offset {self._byte_offset()}")

    def unknown_decl(self, data: str) -> None:
        raise _HtmlError(f"Unsupported HTML declaration at byte offset {self._byte_offset()}")


def parse_html(text: str) -> tuple[str, list[JSON]]:
    """Plain text and entities for ``parse_mode="HTML"``; raises ValueError where Telegram would
    answer 400 "can't parse entities"."""
    return _TelegramHtml(text).parse()


# --------------------------------------------------------------------------------------------
# Request decoding
# --------------------------------------------------------------------------------------------


def _decode_form_value(key: str, value: str) -> Any:
    if key in STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value  # e.g. chat_id="@channelname"


def decode_params(content_type: str, body: bytes, query: str = "") -> JSON:
    """Decode a Bot API request the way Telegram does: query string, then form or JSON
    body. Raises ValueError for a body that cannot be decoded."""
    params: JSON = {k: _decode_form_value(k, v) for k, v in parse_qsl(query, True)}
    mime = content_type.split(";", 1)[0].strip().lower()
    if not body:
        pass
    elif mime == "application/json":
        data = json.loads(body)
        if not isinstance(data, dict):
            raise ValueError("JSON body must be an object")
        params.update(data)
    else:
        form = parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
        params.update({k: _decode_form_value(k, v) for k, v in form})
    for key in _OBJECT_PARAMS & params.keys():
        if isinstance(params[key], str):
            # Left as is if it is not JSON; the handler then rejects it as Telegram would.
            with contextlib.suppress(ValueError):
                params[key] = json.loads(params[key])
    return params


def _update_type(update: Mapping[str, Any]) -> str:
    return next((key for key in update if key != "update_id"), "")


def _as_message(obj: Mapping[str, Any]) -> JSON:
    """Accept a Message dict or an update/callback query wrapping one, for builder convenience."""
    for key in (*_MESSAGE_KEYS, "callback_query"):
        inner = obj.get(key)
        if isinstance(inner, Mapping):
            return _as_message(inner) if key == "callback_query" else dict(inner)
    if "message_id" in obj and "chat" in obj:
        return dict(obj)
    raise ValueError(f"not a message or an update with one: {obj!r}")


def _without_reply(message: Mapping[str, Any]) -> JSON:
    """Telegram nests reply_to_message only one level deep."""
    shallow = copy.deepcopy(dict(message))
    shallow.pop("reply_to_message", None)
    return shallow


def _short(params: Mapping[str, Any], limit: int = 160) -> str:
    text = json.dumps(params, ensure_ascii=False, default=repr)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------------------------
# HTTP plumbing
# --------------------------------------------------------------------------------------------


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], api: FakeBotApi) -> None:
        self.api = api
        self._conn_lock = threading.Lock()
        # connection -> busy; idle keep-alive connections can be cut at once on stop().
        self._connections: dict[socket.socket, bool] = {}
        self._handler_threads: set[threading.Thread] = set()
        super().__init__(address, _Handler)

    def track(self, conn: socket.socket, *, busy: bool | None) -> None:
        with self._conn_lock:
            if busy is None:
                self._connections.pop(conn, None)
                self._handler_threads.discard(threading.current_thread())
            else:
                self._connections[conn] = busy
                self._handler_threads.add(threading.current_thread())

    def _cut(self, *, idle_only: bool) -> None:
        with self._conn_lock:
            targets = [c for c, busy in self._connections.items() if not (idle_only and busy)]
        for conn in targets:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)

    def drain(self, timeout: float) -> None:
        """Close idle keep-alive connections, let busy ones answer, then cut the rest."""
        self._cut(idle_only=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._conn_lock:
                if not any(self._connections.values()):
                    break
            time.sleep(0.01)
        self._cut(idle_only=False)
        with self._conn_lock:
            threads = list(self._handler_threads)
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()) + 0.5)

    def handle_error(self, request: Any, client_address: Any) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, OSError):  # client went away, or we cut the connection on stop()
            return
        _LOGGER.exception("FakeBotApi failed to handle a request from %s", client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like api.telegram.org; httpx pools connections
    timeout = 60
    disable_nagle_algorithm = True  # small JSON replies must not wait for delayed ACKs
    server: _Server

    def setup(self) -> None:
        super().setup()
        self.server.track(self.connection, busy=False)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.track(self.connection, busy=None)

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def log_message(self, format: str, *args: Any) -> None:
        _LOGGER.debug("%s " + format, self.address_string(), *args)

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";", 1)[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _serve(self, http_method: str) -> None:
        self.server.track(self.connection, busy=True)
        try:
            body = self._read_body()
            headers = {name: value for name, value in self.headers.items()}
            reply = self.server.api._handle(http_method, self.path, headers, body)
            if reply is _DROPPED:
                self.close_connection = True
                with contextlib.suppress(OSError):
                    self.connection.shutdown(socket.SHUT_RDWR)
                return
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            if self.server.api.stopping:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            self.wfile.write(reply.body)
            self.wfile.flush()
        finally:
            self.server.track(self.connection, busy=False)


# --------------------------------------------------------------------------------------------
# The fake
# --------------------------------------------------------------------------------------------


class FakeBotApi:
    """An in-process Telegram Bot API for one bot token.

    Serving and test-side helpers share one lock/condition, so every public method may be called
    from any thread. List-returning accessors return snapshots.

    Builders (:meth:`private_message`, :meth:`group_message`, :meth:`callback_query`,
    :meth:`inline_query`, :meth:`edited_message`, :meth:`channel_post`,
    :meth:`sticker_message`) only build update dicts; nothing reaches the bot until it is passed
    to :meth:`push_update`. They are methods rather than free functions because realistic updates
    need server state: per-chat message ids, the bot's own user, its last message in a chat.
    """

    def __init__(
        self,
        token: str = "123:ABC",
        username: str = "fangtan_bot",
        first_name: str = "Fangtan",
        *,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.token = token
        self.username = username
        self.first_name = first_name
        head = token.split(":", 1)[0]
        self.bot_id = int(head) if head.isdigit() else zlib.crc32(token.encode())
        self._host = host
        self._port = port
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._stopping = False

        self._cond = threading.Condition(threading.RLock())
        self._calls: list[Call] = []
        self._raw: list[RawRequest] = []
        self._faults: dict[str, deque[_Fault]] = {}
        self._updates: list[JSON] = []
        self._last_update_id = 10000
        self._allowed_updates: frozenset[str] | None = None
        self._poll_generation = 0
        self._webhook: JSON = {}
        self._commands: dict[tuple[str, str], list[JSON]] = {}
        self._descriptions: dict[str, str] = {}
        self._short_descriptions: dict[str, str] = {}
        self._chats: dict[int, JSON] = {}
        self._messages: dict[tuple[int, int], JSON] = {}
        self._next_message_id: dict[int, int] = {}
        self._open_callback_queries: set[str] = set()
        self._open_inline_queries: set[str] = set()
        self._inline_edits: dict[str, JSON] = {}
        self._id_counter = 0

        self._handlers: dict[str, Callable[[JSON], _Reply]] = {
            "getMe": self._get_me,
            "logOut": self._true,
            "close": self._true,
            "deleteWebhook": self._delete_webhook,
            "setWebhook": self._set_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "setMyDescription": self._set_my_description,
            "setMyShortDescription": self._set_my_short_description,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "answerCallbackQuery": self._answer_callback_query,
            "answerInlineQuery": self._answer_inline_query,
            "sendChatAction": self._send_chat_action,
        }
        # Telegram matches method names case-insensitively.
        self._canonical = {name.lower(): name for name in (*self._handlers, "getUpdates")}

    # ---- lifecycle ---------------------------------------------------------------------------

    def start(self) -> Self:
        if self._server is not None:
            raise RuntimeError("FakeBotApi can only be started once")
        self._server = _Server((self._host, self._port), self)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"FakeBotApi:{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self, timeout: float = 2.0) -> None:
        """Release pending getUpdates at once (they answer ``[]``), stop serving, close sockets."""
        server = self._server
        if server is None or self._stopping:
            return
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        server.shutdown()
        if self._thread is not None:
            self._thread.join(timeout)
        server.drain(timeout)
        server.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def stopping(self) -> bool:
        return self._stopping

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("FakeBotApi is not started")
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """For ``ApplicationBuilder().base_url(...)``; PTB appends ``<token>/<method>``."""
        return f"http://{self._host}:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """For ``ApplicationBuilder().base_file_url(...)``; the bot downloads no files, so
        nothing is served there."""
        return f"http://{self._host}:{self.port}/file/bot"

    @property
    def bot_user(self) -> JSON:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.first_name,
            "username": self.username,
        }

    # ---- inspection --------------------------------------------------------------------------

    @property
    def calls(self) -> list[Call]:
        with self._cond:
            return list(self._calls)

    def calls_of(self, method: str) -> list[Call]:
        method = self._canonical.get(method.lower(), method)
        with self._cond:
            return [call for call in self._calls if call.method == method]

    @property
    def raw_requests(self) -> list[RawRequest]:
        with self._cond:
            return list(self._raw)

    def messages_sent_to(self, chat_id: int | str) -> list[JSON]:
        """The bot's messages in a chat as the user now sees them: edits applied, deleted ones
        gone. Use :meth:`calls_of` for the history of what was requested."""
        with self._cond:
            chat = self._resolve_chat(chat_id)
            return [
                copy.deepcopy(message)
                for (cid, _), message in self._messages.items()
                if cid == chat["id"] and message.get("from", {}).get("id") == self.bot_id
            ]

    @property
    def pending_update_count(self) -> int:
        """Updates pushed but not yet confirmed by a later getUpdates offset."""
        with self._cond:
            return len(self._updates)

    @property
    def webhook(self) -> JSON:
        with self._cond:
            return dict(self._webhook)

    def commands(self, scope: JSON | None = None, language_code: str = "") -> list[JSON]:
        """What setMyCommands stored for this scope and language."""
        with self._cond:
            return copy.deepcopy(self._commands.get((self._scope_key(scope), language_code), []))

    # ---- waiting -----------------------------------------------------------------------------

    def _matching(self, method: str, predicate: Callable[[Call], bool] | None) -> list[Call]:
        method = self._canonical.get(method.lower(), method)
        return [
            call
            for call in self._calls
            if call.method == method and (predicate is None or predicate(call))
        ]

    def _timeout_message(self, method: str, count: int, found: int, timeout: float) -> str:
        with self._cond:
            calls = list(self._calls)
        polls = sum(1 for call in calls if call.method == "getUpdates")
        lines = [
            f"  {call.method} -> {call.status}: {_short(call.params)}"
            for call in calls
            if call.method != "getUpdates"
        ]
        return (
            f"timed out after {timeout}s waiting for {count} {method} call(s), saw {found}; "
            f"recorded calls ({polls} getUpdates omitted):\n" + ("\n".join(lines) or "  (none)")
        )

    def wait_for(
        self,
        method: str,
        count: int = 1,
        timeout: float = 5.0,
        predicate: Callable[[Call], bool] | None = None,
    ) -> list[Call]:
        """Block until ``count`` calls of ``method`` match ``predicate``; return all matches.

        For code where PTB runs in another thread. Raises AssertionError listing the recorded
        calls on timeout, and RuntimeError inside a running event loop, where blocking would
        starve PTB and always time out: use :meth:`wait_for_async` there.
        """
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            pass
        else:
            raise RuntimeError(
                "FakeBotApi.wait_for() would block the running event loop, so PTB could never "
                "make the call being waited for; use `await api.wait_for_async(...)`"
            )
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                matches = self._matching(method, predicate)
                remaining = deadline - time.monotonic()
                if len(matches) >= count or remaining <= 0:
                    break
                self._cond.wait(remaining)
        if len(matches) < count:
            raise AssertionError(self._timeout_message(method, count, len(matches), timeout))
        return matches

    async def wait_for_async(
        self,
        method: str,
        count: int = 1,
        timeout: float = 5.0,
        predicate: Callable[[Call], bool] | None = None,
    ) -> list[Call]:
        """:meth:`wait_for` for async tests: yields to the event loop while waiting."""
        deadline = time.monotonic() + timeout
        while True:
            with self._cond:
                matches = self._matching(method, predicate)
            if len(matches) >= count:
                return matches
            if time.monotonic() >= deadline:
                raise AssertionError(self._timeout_message(method, count, len(matches), timeout))
            await asyncio.sleep(0.01)

    # ---- fault injection ---------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        status: int = 429,
        retry_after: float | None = None,
        *,
        description: str | None = None,
        times: int = 1,
        chat_id: int | None = None,
    ) -> None:
        """Make the next ``times`` calls of ``method`` fail; calls queue up faults in order.

        429 answers Telegram's flood-wait shape with ``parameters.retry_after`` (default 1;
        Telegram sends whole seconds, fractions keep tests fast). 5xx without a ``description``
        answers nginx's HTML error page, as Telegram's front proxy does, which PTB cannot parse
        as JSON; pass ``description`` for a JSON body instead. With ``chat_id``, only calls to
        that chat meet these faults; other chats are served normally.
        """
        if status == 429 and retry_after is None:
            retry_after = 1
        self._queue_faults(method, _Fault(status, description, retry_after, chat_id=chat_id), times)

    def drop_next(self, method: str, *, times: int = 1, chat_id: int | None = None) -> None:
        """Close the connection of the next ``times`` calls of ``method`` without answering.

        The call is recorded with ``status`` 0. Whether Telegram acted on such a request is
        unknown to the client; the fake does not act on it.
        """
        self._queue_faults(method, _Fault(0, None, None, "drop", chat_id), times)

    def garble_next(self, method: str, *, times: int = 1, chat_id: int | None = None) -> None:
        """Answer the next ``times`` calls of ``method`` with a 200 whose JSON is cut off."""
        self._queue_faults(method, _Fault(200, None, None, "garble", chat_id), times)

    def _queue_faults(self, method: str, fault: _Fault, times: int) -> None:
        method = self._canonical.get(method.lower(), method)
        with self._cond:
            self._faults.setdefault(method, deque()).extend(fault for _ in range(times))

    def _take_fault(self, method: str, params: JSON) -> _Fault | None:
        """The first queued fault of ``method`` that this call meets, removed from the queue."""
        queue = self._faults.get(method)
        for fault in queue or ():
            if fault.chat_id is None or fault.chat_id == params.get("chat_id"):
                assert queue is not None
                queue.remove(fault)
                return fault
        return None

    # ---- updates -----------------------------------------------------------------------------

    def push_update(self, update: Mapping[str, Any]) -> JSON:
        """Queue an update for getUpdates; returns the stored copy with its update_id.

        Messages in it become known to the server (so the bot may reply to or edit them), and
        callback and inline query ids become answerable.
        """
        stored = copy.deepcopy(dict(update))
        with self._cond:
            if "update_id" not in stored:
                stored["update_id"] = self._last_update_id + 1
            self._last_update_id = max(self._last_update_id, int(stored["update_id"]))
            self._register(stored)
            self._updates.append(stored)
            self._cond.notify_all()
        return copy.deepcopy(stored)

    def _register(self, update: JSON) -> None:
        for key in _MESSAGE_KEYS:
            message = update.get(key)
            if isinstance(message, dict):
                reply = message.get("reply_to_message")
                if isinstance(reply, dict):
                    self._remember_message(reply, overwrite=False)
                self._remember_message(message, overwrite=True)
        query = update.get("callback_query")
        if isinstance(query, dict):
            self._open_callback_queries.add(str(query["id"]))
            if isinstance(query.get("message"), dict):
                self._remember_message(query["message"], overwrite=False)
        inline = update.get("inline_query")
        if isinstance(inline, dict):
            self._open_inline_queries.add(str(inline["id"]))

    def _remember_message(self, message: JSON, *, overwrite: bool) -> None:
        chat = message["chat"]
        self._chats.setdefault(chat["id"], dict(chat))
        key = (chat["id"], int(message["message_id"]))
        if overwrite or key not in self._messages:
            self._messages[key] = copy.deepcopy(message)
        next_id = self._next_message_id.get(chat["id"], 1)
        self._next_message_id[chat["id"]] = max(next_id, key[1] + 1)

    def _confirm(self, offset: int) -> None:
        if offset > 0:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        elif offset < 0:
            self._updates = self._updates[offset:]

    def _deliverable(self, limit: int) -> list[JSON]:
        # Telegram drops updates of types the bot did not ask for rather than keeping them.
        self._updates = [u for u in self._updates if self._is_allowed(_update_type(u))]
        return self._updates[:limit]

    def _is_allowed(self, update_type: str) -> bool:
        if self._allowed_updates:
            return update_type in self._allowed_updates
        return update_type not in _NOT_DELIVERED_BY_DEFAULT

    # ---- builders ----------------------------------------------------------------------------

    def _next_id(self) -> int:
        with self._cond:
            self._id_counter += 1
            return self._id_counter

    def _alloc_message_id(self, chat_id: int, message_id: int | None) -> int:
        with self._cond:
            next_id = self._next_message_id.get(chat_id, 1)
            chosen = next_id if message_id is None else message_id
            self._next_message_id[chat_id] = max(next_id, chosen + 1)
            return chosen

    @staticmethod
    def _user(user_id: int, first_name: str, username: str | None) -> JSON:
        user: JSON = {"id": user_id, "is_bot": False, "first_name": first_name}
        if username:
            user["username"] = username
        user["language_code"] = "zh-hans"
        return user

    def _message(
        self,
        chat: JSON,
        sender: JSON | None,
        text: str | None,
        *,
        message_id: int | None,
        entities: list[JSON] | None,
        reply_to: Mapping[str, Any] | None = None,
    ) -> JSON:
        message: JSON = {"message_id": self._alloc_message_id(chat["id"], message_id)}
        if sender is not None:
            message["from"] = sender
        message["chat"] = chat
        message["date"] = int(time.time())
        if reply_to is not None:
            message["reply_to_message"] = _without_reply(_as_message(reply_to))
        if text is not None:
            message["text"] = text
            found = auto_entities(text) if entities is None else entities
            if found:
                message["entities"] = found
        return message

    def private_message(
        self,
        text: str,
        *,
        user_id: int = DEFAULT_USER_ID,
        chat_id: int | None = None,
        first_name: str = "Tester",
        username: str | None = "tester",
        message_id: int | None = None,
        reply_to_bot: bool = False,
        entities: list[JSON] | None = None,
    ) -> JSON:
        """A private-chat text message update. ``entities=None`` computes what Telegram would
        (commands, mentions, URLs, hashtags); pass ``[]`` for none. ``reply_to_bot`` replies to
        the bot's last message in the chat, inventing one if it has sent none."""
        user = self._user(user_id, first_name, username)
        chat: JSON = {"id": chat_id if chat_id is not None else user_id, "first_name": first_name}
        if username:
            chat["username"] = username
        chat["type"] = "private"
        reply_to = self._last_bot_message(chat) if reply_to_bot else None
        message = self._message(
            chat, user, text, message_id=message_id, entities=entities, reply_to=reply_to
        )
        return {"message": message}

    def group_message(
        self,
        text: str,
        *,
        chat_id: int = DEFAULT_GROUP_ID,
        user_id: int = DEFAULT_USER_ID,
        first_name: str = "Tester",
        username: str | None = "tester",
        title: str = "Test group",
        reply_to: Mapping[str, Any] | None = None,
        message_id: int | None = None,
        entities: list[JSON] | None = None,
    ) -> JSON:
        """A supergroup text message update. ``reply_to`` is the message (or an update holding
        it) being replied to, e.g. a bot message from :meth:`messages_sent_to`."""
        chat = self._group_chat(chat_id, title)
        user = self._user(user_id, first_name, username)
        message = self._message(
            chat, user, text, message_id=message_id, entities=entities, reply_to=reply_to
        )
        return {"message": message}

    def channel_post(
        self,
        text: str,
        *,
        chat_id: int = DEFAULT_CHANNEL_ID,
        title: str = "Test channel",
        username: str | None = None,
        message_id: int | None = None,
        entities: list[JSON] | None = None,
    ) -> JSON:
        """A channel post update: it has ``sender_chat`` and no ``from``, which trips code that
        assumes ``effective_user`` is set."""
        chat: JSON = {"id": chat_id, "title": title, "type": "channel"}
        if username:
            chat["username"] = username
        message = self._message(chat, None, text, message_id=message_id, entities=entities)
        message["sender_chat"] = dict(chat)
        return {"channel_post": message}

    def edited_message(
        self, original: Mapping[str, Any], text: str, *, entities: list[JSON] | None = None
    ) -> JSON:
        """The update Telegram sends when the user edits ``original`` (a message or an update
        holding one, e.g. a :meth:`private_message` result) to ``text``."""
        message = _as_message(original)
        message["text"] = text
        message.pop("entities", None)
        found = auto_entities(text) if entities is None else entities
        if found:
            message["entities"] = found
        message["edit_date"] = int(time.time())
        key = (
            "edited_channel_post" if message["chat"].get("type") == "channel" else "edited_message"
        )
        return {key: message}

    def sticker_message(
        self,
        *,
        emoji: str = "👍",
        user_id: int = DEFAULT_USER_ID,
        chat_id: int | None = None,
        first_name: str = "Tester",
        username: str | None = "tester",
        message_id: int | None = None,
    ) -> JSON:
        """A sticker message: no ``text`` at all, so text-only handlers must ignore it. A
        negative ``chat_id`` puts it in a supergroup, otherwise it is a private chat."""
        user = self._user(user_id, first_name, username)
        if chat_id is not None and chat_id < 0:
            chat = self._group_chat(chat_id, "Test group")
        else:
            chat = {"id": chat_id or user_id, "first_name": first_name, "type": "private"}
        message = self._message(chat, user, None, message_id=message_id, entities=None)
        unique = self._next_id()
        message["sticker"] = {
            "file_id": f"CAACAgIAAxkBAAE{unique:08d}",
            "file_unique_id": f"AgAD{unique:08d}",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
            "set_name": "FakeStickers",
            "file_size": 20480,
        }
        return {"message": message}

    def callback_query(
        self,
        data: str,
        message: Mapping[str, Any],
        *,
        user_id: int = DEFAULT_USER_ID,
        first_name: str = "Tester",
        username: str | None = "tester",
    ) -> JSON:
        """A press of an inline button carrying ``data`` on ``message`` (the bot message the
        keyboard is on, e.g. ``call.result`` of its sendMessage or from messages_sent_to)."""
        on = _as_message(message)
        return {
            "callback_query": {
                "id": str(4_000_000_000_000_000 + self._next_id()),
                "from": self._user(user_id, first_name, username),
                "message": on,
                "chat_instance": str(-(7_000_000_000_000_000 + abs(on["chat"]["id"]) % 10**9)),
                "data": data,
            }
        }

    def inline_query(
        self,
        query: str,
        *,
        user_id: int = DEFAULT_USER_ID,
        first_name: str = "Tester",
        username: str | None = "tester",
        offset: str = "",
        chat_type: str = "sender",
    ) -> JSON:
        """An inline query ``@bot query`` typed by the user."""
        return {
            "inline_query": {
                "id": str(5_000_000_000_000_000 + self._next_id()),
                "from": self._user(user_id, first_name, username),
                "query": query,
                "offset": offset,
                "chat_type": chat_type,
            }
        }

    @staticmethod
    def _group_chat(chat_id: int, title: str) -> JSON:
        kind = "supergroup" if chat_id <= -1_000_000_000_000 else "group"
        return {"id": chat_id, "title": title, "type": kind}

    def _last_bot_message(self, chat: JSON) -> JSON:
        with self._cond:
            mine = [
                message
                for (cid, _), message in self._messages.items()
                if cid == chat["id"] and message.get("from", {}).get("id") == self.bot_id
            ]
            if mine:
                return _without_reply(mine[-1])
            invented = self._message(chat, self.bot_user, "…", message_id=None, entities=[])
            self._remember_message(invented, overwrite=True)
            return invented

    # ---- request handling --------------------------------------------------------------------

    def _handle(
        self, http_method: str, target: str, headers: dict[str, str], body: bytes
    ) -> _Reply:
        arrived = time.monotonic()
        with self._cond:
            self._raw.append(RawRequest(http_method, target, headers, body, arrived))
        url = urlsplit(target)
        path = unquote(url.path)
        if not path.startswith("/bot"):
            return _error(404)
        token, _, name = path.removeprefix("/bot").partition("/")
        method = self._canonical.get(name.lower(), name)
        content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
        try:
            params = decode_params(content_type, body, url.query)
            bad_body = None
        except ValueError as exc:
            params, bad_body = {}, f"Bad Request: can't parse request body: {exc}"
        call = Call(method, params, arrived)

        with self._cond:
            if token != self.token:
                reply = _error(401)
            elif not method or method not in self._canonical.values():
                reply = _error(404)
            elif bad_body is not None:
                reply = _error(400, bad_body)
            elif (fault := self._take_fault(method, params)) is not None:
                reply = _fault_reply(fault)
            elif method == "getUpdates":
                self._calls.append(call)  # visible while it long-polls
                self._cond.notify_all()
                reply = self._get_updates(params)
                call.status, call.response = reply.status, reply.payload
                self._cond.notify_all()
                return reply
            else:
                try:
                    reply = self._handlers[method](params)
                except _ApiError as exc:
                    reply = _error(exc.status, exc.description)
            call.status, call.response = reply.status, reply.payload
            self._calls.append(call)
            self._cond.notify_all()
        return reply

    def _get_updates(self, params: JSON) -> _Reply:
        """Long poll. Runs with the condition held; waiting on it releases the lock."""
        try:
            offset = int(params.get("offset") or 0)
            limit = min(max(int(params.get("limit") or 100), 1), 100)
            timeout = max(float(params.get("timeout") or 0), 0.0)
        except (TypeError, ValueError):
            return _error(400, "Bad Request: wrong parameter in getUpdates request")
        if self._webhook.get("url"):
            return _error(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = frozenset(allowed) or None
        # A newer poll ends the older one with 409, as Telegram does; this also frees the
        # thread of a poll whose client task PTB cancelled on stop.
        self._poll_generation += 1
        generation = self._poll_generation
        self._cond.notify_all()
        self._confirm(offset)
        deadline = time.monotonic() + timeout
        while True:
            if generation != self._poll_generation:
                return _error(409)
            batch = self._deliverable(limit)
            remaining = deadline - time.monotonic()
            if batch or self._stopping or remaining <= 0:
                return _ok(copy.deepcopy(batch))
            self._cond.wait(remaining)

    # ---- methods (called with the condition held) --------------------------------------------

    def _true(self, params: JSON) -> _Reply:
        return _ok(True)

    def _get_me(self, params: JSON) -> _Reply:
        return _ok(
            self.bot_user
            | {
                "can_join_groups": True,
                "can_read_all_group_messages": False,
                "supports_inline_queries": True,
                "can_connect_to_business": False,
                "has_main_web_app": False,
            }
        )

    def _delete_webhook(self, params: JSON) -> _Reply:
        had = bool(self._webhook.get("url"))
        self._webhook = {}
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return _ok(True, "Webhook was deleted" if had else "Webhook is already deleted")

    def _set_webhook(self, params: JSON) -> _Reply:
        url = params.get("url") or ""
        if not url:
            return self._delete_webhook(params)
        if not str(url).startswith("https://"):
            raise _ApiError(
                400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"
            )
        self._webhook = {"url": url, "max_connections": params.get("max_connections", 40)}
        for key in ("allowed_updates", "ip_address", "secret_token"):
            if key in params:
                self._webhook[key] = params[key]
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return _ok(True, "Webhook was set")

    def _get_webhook_info(self, params: JSON) -> _Reply:
        info: JSON = {
            "url": self._webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        for key in ("max_connections", "allowed_updates", "ip_address"):
            if key in self._webhook:
                info[key] = self._webhook[key]
        return _ok(info)

    @staticmethod
    def _scope_key(scope: Any) -> str:
        return json.dumps(scope or {"type": "default"}, sort_keys=True)

    def _set_my_commands(self, params: JSON) -> _Reply:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise _ApiError(400, "Bad Request: can't parse commands JSON object")
        stored = []
        for entry in commands:
            if not isinstance(entry, dict):
                raise _ApiError(400, "Bad Request: can't parse BotCommand")
            command, description = str(entry.get("command", "")), str(entry.get("description", ""))
            if not re.fullmatch(r"[a-z0-9_]{1,32}", command):
                raise _ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(description) <= 256:
                raise _ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
            stored.append({"command": command, "description": description})
        key = (self._scope_key(params.get("scope")), str(params.get("language_code") or ""))
        self._commands[key] = stored
        return _ok(True)

    def _get_my_commands(self, params: JSON) -> _Reply:
        key = (self._scope_key(params.get("scope")), str(params.get("language_code") or ""))
        return _ok(copy.deepcopy(self._commands.get(key, [])))

    def _set_my_description(self, params: JSON) -> _Reply:
        description = str(params.get("description") or "")
        if len(description) > 512:
            raise _ApiError(400, "Bad Request: description is too long")
        self._descriptions[str(params.get("language_code") or "")] = description
        return _ok(True)

    def _set_my_short_description(self, params: JSON) -> _Reply:
        description = str(params.get("short_description") or "")
        if len(description) > 120:
            raise _ApiError(400, "Bad Request: short description is too long")
        self._short_descriptions[str(params.get("language_code") or "")] = description
        return _ok(True)

    def _resolve_chat(self, chat_id: Any) -> JSON:
        """Known chats come from pushed updates; unknown ids get a plausible chat, so the bot may
        message chats no test update mentioned (real Telegram would say "chat not found")."""
        if chat_id is None or chat_id == "" or isinstance(chat_id, bool):
            raise _ApiError(400, "Bad Request: chat_id is empty")
        if isinstance(chat_id, str) and chat_id.startswith("@"):
            for chat in self._chats.values():
                if chat.get("username", "").lower() == chat_id[1:].lower():
                    return dict(chat)
            synthetic = -1_000_000_000_000 - zlib.crc32(chat_id.lower().encode())
            return {
                "id": synthetic,
                "title": chat_id[1:],
                "username": chat_id[1:],
                "type": "channel",
            }
        try:
            numeric = int(chat_id)
        except (TypeError, ValueError):
            raise _ApiError(400, "Bad Request: chat not found") from None
        if numeric in self._chats:
            return dict(self._chats[numeric])
        if numeric > 0:
            return {"id": numeric, "first_name": "User", "type": "private"}
        return self._group_chat(numeric, "Group")

    def _format(self, params: JSON, key: str = "text") -> tuple[str, list[JSON]]:
        raw = params.get(key)
        text = "" if raw is None else str(raw)
        parse_mode = str(params.get("parse_mode") or "")
        explicit = params.get("entities")
        if isinstance(explicit, list):
            entities = explicit
        elif parse_mode.lower() == "html":
            try:
                text, entities = parse_html(text)
            except ValueError as exc:
                raise _ApiError(400, f"Bad Request: can't parse entities: {exc}") from None
        elif parse_mode:
            entities = []  # Markdown is not modelled: echoed back verbatim
        else:
            entities = auto_entities(text)
        if not text.strip():
            raise _ApiError(400, "Bad Request: message text is empty")
        if utf16_len(text) > 4096:
            raise _ApiError(400, "Bad Request: message is too long")
        return text, entities

    @staticmethod
    def _inline_markup(markup: Any) -> JSON | None:
        """Validate reply_markup; return it if it is an inline keyboard, the only kind Telegram
        echoes back in the Message (and the only kind PTB can de-serialise there)."""
        if markup is None:
            return None
        if not isinstance(markup, dict):
            raise _ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
        if "inline_keyboard" not in markup:
            return None
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise _ApiError(
                400,
                "Bad Request: can't parse inline keyboard button: "
                "InlineKeyboardButtons must be an Array",
            )
        for row in rows:
            for button in row:
                if not isinstance(button, dict) or not str(button.get("text", "")):
                    raise _ApiError(400, "Bad Request: BUTTON_TEXT_INVALID")
                if not _INLINE_BUTTON_ACTIONS & button.keys():
                    raise _ApiError(
                        400, "Bad Request: text buttons are unallowed in the inline keyboard"
                    )
                data = button.get("callback_data")
                if data is not None and not 1 <= len(str(data).encode()) <= 64:
                    raise _ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
        return copy.deepcopy(markup)

    def _reply_target(self, chat: JSON, params: JSON) -> JSON | None:
        reply = params.get("reply_parameters")
        if not isinstance(reply, dict) and params.get("reply_to_message_id") is not None:
            reply = {
                "message_id": params["reply_to_message_id"],
                "allow_sending_without_reply": params.get("allow_sending_without_reply"),
            }
        if not isinstance(reply, dict):
            return None
        target_chat = chat
        if reply.get("chat_id") is not None:
            target_chat = self._resolve_chat(reply["chat_id"])
        try:
            key = (target_chat["id"], int(reply.get("message_id")))
        except (TypeError, ValueError):
            raise _ApiError(400, "Bad Request: message to be replied not found") from None
        target = self._messages.get(key)
        if target is None:
            if reply.get("allow_sending_without_reply"):
                return None
            raise _ApiError(400, "Bad Request: message to be replied not found")
        return _without_reply(target)

    def _send_message(self, params: JSON) -> _Reply:
        chat = self._resolve_chat(params.get("chat_id"))
        text, entities = self._format(params)
        markup = self._inline_markup(params.get("reply_markup"))
        reply_to = self._reply_target(chat, params)
        message: JSON = {
            "message_id": self._alloc_message_id(chat["id"], None),
            "from": self.bot_user,
            "chat": chat,
            "date": int(time.time()),
        }
        if params.get("message_thread_id") is not None:
            message["message_thread_id"] = params["message_thread_id"]
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        message["text"] = text
        if entities:
            message["entities"] = entities
        if isinstance(params.get("link_preview_options"), dict):
            message["link_preview_options"] = params["link_preview_options"]
        if markup is not None:
            message["reply_markup"] = markup
        self._remember_message(message, overwrite=True)
        return _ok(copy.deepcopy(message))

    def _editable(self, params: JSON) -> JSON:
        chat = self._resolve_chat(params.get("chat_id"))
        try:
            key = (chat["id"], int(params.get("message_id")))
        except (TypeError, ValueError):
            raise _ApiError(400, "Bad Request: message identifier is not specified") from None
        message = self._messages.get(key)
        if message is None:
            raise _ApiError(400, "Bad Request: message to edit not found")
        if message.get("from", {}).get("id") != self.bot_id:
            raise _ApiError(400, "Bad Request: message can't be edited")
        return message

    def _edit_message_text(self, params: JSON) -> _Reply:
        text, entities = self._format(params)
        # An edit without reply_markup removes the inline keyboard, as on Telegram.
        markup = self._inline_markup(params.get("reply_markup"))
        inline_id = params.get("inline_message_id")
        if inline_id:
            self._inline_edits[str(inline_id)] = {"text": text, "entities": entities}
            return _ok(True)
        message = self._editable(params)
        unchanged = (
            message.get("text") == text
            and message.get("entities", []) == entities
            and message.get("reply_markup") == markup
        )
        if unchanged:
            raise _ApiError(400, _NOT_MODIFIED)
        message["text"] = text
        message.pop("entities", None)
        if entities:
            message["entities"] = entities
        return _edited(message, markup)

    def _edit_message_reply_markup(self, params: JSON) -> _Reply:
        markup = self._inline_markup(params.get("reply_markup"))
        if params.get("inline_message_id"):
            return _ok(True)
        message = self._editable(params)
        if message.get("reply_markup") == markup:
            raise _ApiError(400, _NOT_MODIFIED)
        return _edited(message, markup)

    def _answer_callback_query(self, params: JSON) -> _Reply:
        query_id = str(params.get("callback_query_id") or "")
        if query_id not in self._open_callback_queries:
            raise _ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            )
        if len(str(params.get("text") or "")) > 200:
            raise _ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        self._open_callback_queries.discard(query_id)
        return _ok(True)

    def _answer_inline_query(self, params: JSON) -> _Reply:
        query_id = str(params.get("inline_query_id") or "")
        if query_id not in self._open_inline_queries:
            raise _ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            )
        results = params.get("results")
        if not isinstance(results, list) or len(results) > 50:
            raise _ApiError(400, "Bad Request: RESULTS_TOO_MUCH")
        for result in results:
            content = result.get("input_message_content") if isinstance(result, dict) else None
            if isinstance(content, dict) and "message_text" in content:
                self._format(content, "message_text")  # the same checks as sendMessage
        self._open_inline_queries.discard(query_id)
        return _ok(True)

    def _send_chat_action(self, params: JSON) -> _Reply:
        self._resolve_chat(params.get("chat_id"))
        if params.get("action") not in _CHAT_ACTIONS:
            raise _ApiError(400, "Bad Request: wrong parameter action in request")
        return _ok(True)
