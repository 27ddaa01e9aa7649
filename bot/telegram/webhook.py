"""The webhook server: Telegram's POSTs in, ``Update`` objects onto the application's queue.

PTB's own webhook server reads a whole body (up to 100 MB) before it looks at the secret, and
logs a body it cannot parse in full. This one decides on the headers alone: the secret is
checked and the declared size bounded before a byte of the body is read, a body is streamed
into memory only up to :data:`MAX_BODY`, and no body is ever logged. An update the library
cannot read is skipped with 200, as in polling: refused, Telegram would resend it forever.

It follows PTB's "custom webhook" recipe: the application runs without its updater, this
server feeds ``application.update_queue``, and :func:`run_webhook` does what
``Application.run_webhook`` would (initialise, ``post_init``, serve, register the webhook,
stop cleanly on SIGINT or SIGTERM, ``post_stop``, shut down, ``post_shutdown``).
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import signal
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

import tornado.web
from telegram.ext import Application, ExtBot
from tornado.httpserver import HTTPServer

from fangtan.bot.telegram.updates import Unreadable, read_update

log = logging.getLogger(__name__)

# An update is a few kilobytes of JSON; Telegram's largest are far below this.
MAX_BODY = 1 << 20
# Backstop for the connection itself: tornado closes anything larger while reading.
CONNECTION_MAX_BODY = 2 * MAX_BODY
# A sender that stops half way through a body is not Telegram.
BODY_TIMEOUT = 10.0
# Telegram keeps connections open between updates.
IDLE_TIMEOUT = 75.0
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)

TelegramApp = Application[Any, Any, Any, Any, Any, Any]


@dataclass(frozen=True)
class WebhookConfig:
    listen: str
    port: int
    path: str  # without slashes, e.g. "telegram"
    url: str  # the public URL Telegram posts to
    secret: str


class _Quiet(tornado.web.Application):
    def log_request(self, handler: tornado.web.RequestHandler) -> None:
        """Refusals are logged by the handler in one line; successes need no line at all."""


@tornado.web.stream_request_body
class UpdateHandler(tornado.web.RequestHandler):
    """One POST from Telegram: checked on its headers, read within bounds, queued."""

    SUPPORTED_METHODS = ("POST",)

    def initialize(self, app: TelegramApp, secret: bytes) -> None:
        self.app = app
        self.secret = secret
        self.chunks: list[bytes] = []
        self.size = 0
        self.refused = False

    def prepare(self) -> None:
        """Refuse on the headers alone, before the body is read."""
        given = self.request.headers.get(SECRET_HEADER, "").encode("utf-8", "surrogateescape")
        if not hmac.compare_digest(given, self.secret):
            self._refuse(HTTPStatus.FORBIDDEN, "missing secret" if not given else "wrong secret")
            return
        declared = self.request.headers.get("Content-Length")
        if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY):
            self._refuse(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"declared {declared[:20]} bytes")

    def data_received(self, chunk: bytes) -> None:
        if self.refused:
            return
        self.size += len(chunk)
        if self.size > MAX_BODY:  # a chunked body that never said how long it was
            self.chunks.clear()
            self._refuse(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"over {MAX_BODY} bytes")
            return
        self.chunks.append(chunk)

    async def post(self) -> None:
        if self.refused:
            return
        body = b"".join(self.chunks)
        self.chunks.clear()
        try:
            data = json.loads(body)
        except ValueError:
            self._refuse(HTTPStatus.BAD_REQUEST, f"not JSON ({len(body)} bytes)")
            return
        update = read_update(data, self.app.bot)
        if isinstance(update, Unreadable):
            if update.update_id is None:
                self._refuse(
                    HTTPStatus.BAD_REQUEST, f"not an update ({len(body)} bytes, {update.error})"
                )
                return
            # Telegram would resend a refused update, and hold back the ones after it.
            update.report("webhook")
            self.set_status(HTTPStatus.OK)
            self.finish()
            return
        log.debug("webhook: update_id=%s", update.update_id)
        if isinstance(self.app.bot, ExtBot):
            self.app.bot.insert_callback_data(update)
        await self.app.update_queue.put(update)
        self.set_status(HTTPStatus.OK)
        self.finish()

    def on_finish(self) -> None:
        self.chunks.clear()

    def _refuse(self, status: HTTPStatus, why: str) -> None:
        log.warning(
            "webhook: %d %s from %s: %s", status, status.phrase, self.request.remote_ip, why
        )
        self.refused = True
        self.set_status(status)
        self.finish()

    def log_exception(self, typ: Any, value: Any, tb: Any) -> None:
        """One line, never the request: its headers hold the secret."""
        if isinstance(value, tornado.web.HTTPError):
            return
        log.error("webhook: handling failed: %s", typ.__name__ if typ else value)


class WebhookServer:
    """The HTTP server around :class:`UpdateHandler`, bound to ``listen``:``port``."""

    def __init__(self, app: TelegramApp, config: WebhookConfig) -> None:
        self.config = config
        routes = [
            (
                rf"/{config.path.strip('/')}/?",
                UpdateHandler,
                {"app": app, "secret": config.secret.encode("utf-8")},
            )
        ]
        self._http = HTTPServer(
            _Quiet(routes),
            max_body_size=CONNECTION_MAX_BODY,
            body_timeout=BODY_TIMEOUT,
            idle_connection_timeout=IDLE_TIMEOUT,
        )
        self.running = False

    async def start(self) -> None:
        self._http.listen(self.config.port, address=self.config.listen)
        self.running = True
        log.info("webhook: listening on %s:%d", self.config.listen, self.config.port)

    async def stop(self) -> None:
        if not self.running:
            return
        self.running = False
        self._http.stop()
        await self._http.close_all_connections()


class _Stopped(Exception):
    """A stop signal arrived during start-up."""


class _Runner:
    """Runs start-up one step at a time, so that a stop signal can interrupt any of them.

    A signal during a start-up step cancels that step (raising an exception from inside
    the loop would leave the step's completion callback behind to stop the next step);
    a signal while serving stops the loop, exactly as ``app.stop_running()`` does; a
    signal during shut-down is ignored, since shut-down is already what it asks for.
    """

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.step: asyncio.Task[Any] | None = None
        self.stopping = False
        self.serving = False
        self.closing = False

    def request_stop(self) -> None:
        if self.closing:
            return
        self.stopping = True
        if self.step is not None and not self.step.done():
            self.step.cancel()
        elif self.serving:
            self.loop.stop()

    def run(self, step: Coroutine[Any, Any, Any]) -> None:
        if self.stopping:
            step.close()
            raise _Stopped
        self.step = self.loop.create_task(step)
        try:
            self.loop.run_until_complete(self.step)
        except asyncio.CancelledError:
            if self.stopping:
                raise _Stopped from None
            raise
        finally:
            self.step = None

    def serve(self) -> None:
        if self.stopping:
            raise _Stopped
        self.serving = True
        self.loop.run_forever()


def run_webhook(
    app: TelegramApp,
    config: WebhookConfig,
    allowed_updates: Sequence[str] | None = None,
    *,
    loop: asyncio.AbstractEventLoop | None = None,
    on_stop: Callable[[int], object] | None = None,
) -> None:
    """Serve ``app`` on a webhook until SIGINT or SIGTERM; what ``Application.run_webhook`` does.

    A stop signal stops start-up at whatever step it has reached, or the serving loop (as
    ``app.stop_running()`` does); either way everything started is stopped in order. Exceptions
    from start-up (a rejected token, a refused ``setWebhook``, a port in use) propagate after
    that.
    """
    if loop is None:
        loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    runner = _Runner(loop)

    def stop(sig: int) -> None:
        if on_stop is not None and not runner.closing:
            on_stop(sig)
        runner.request_stop()

    for sig in STOP_SIGNALS:
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop, sig)
    server = WebhookServer(app, config)
    try:
        runner.run(app.initialize())
        if app.post_init:
            runner.run(app.post_init(app))
        runner.run(server.start())
        runner.run(app.start())
        runner.run(
            app.bot.set_webhook(
                config.url, secret_token=config.secret, allowed_updates=allowed_updates
            )
        )
        runner.serve()
    except (KeyboardInterrupt, _Stopped):
        log.debug("webhook: stop signal received")
    finally:
        runner.closing = True
        try:
            loop.run_until_complete(server.stop())
            if app.running:
                loop.run_until_complete(app.stop())
                if app.post_stop:
                    loop.run_until_complete(app.post_stop(app))
            loop.run_until_complete(app.shutdown())
            if app.post_shutdown:
                loop.run_until_complete(app.post_shutdown(app))
        finally:
            for sig in STOP_SIGNALS:
                with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                    loop.remove_signal_handler(sig)
            loop.close()
