"""The ``fangtan`` command: console, ask, corpus, telegram.

Every failure ends in one line on stderr and a documented exit status, never
a traceback: 2 for usage and configuration (a wrong path, an empty question,
a bad setting), 1 for what goes wrong at run time. Undecodable input bytes
are replaced and warned about; a closed output pipe ends the run quietly.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

from fangtan.bot.console.json_out import answer_json
from fangtan.bot.console.render import render
from fangtan.bot.console.undecodable import (
    replace_undecodable,
    stdin_encoding,
    tolerate_undecodable_stdin,
)
from fangtan.bot.engine.answer import Context
from fangtan.bot.env_settings import QuickSettings, quick_settings
from fangtan.bot.process_exit import leave
from fangtan.bot.serving.loading import CorpusError, Loaded, load_engine, not_read, read_corpus
from fangtan.bot.texts import cli as cli_texts
from fangtan.bot.texts import console as console_texts
from fangtan.bot.texts import serving as serving_texts
from fangtan.bot.texts.wording import issue_text

if TYPE_CHECKING:
    from pydantic import ValidationError

    from fangtan.bot.settings import Settings

RUNTIME_ERROR = 1
USAGE_ERROR = 2
INTERRUPTED = 130

log = logging.getLogger(__name__)


def version() -> str:
    from importlib import metadata  # ~30 ms to import: only for --version

    try:
        return metadata.version("fangtan")
    except metadata.PackageNotFoundError:  # a checkout that was never installed
        return "unknown"


class _VersionAction(argparse.Action):
    """``--version``, with the version looked up only when it is asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        print(f"fangtan {version()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fangtan",
        description="访谈问答：问新闻访谈里谁说了什么，答案附原话和出处。",
        epilog=cli_texts.CLI_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version", action=_VersionAction, help="show program's version number and exit"
    )
    sub = parser.add_subparsers(
        dest="command", metavar="{console,ask,corpus,telegram,index,health}"
    )

    def with_corpus(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--corpus", type=Path, metavar="DIR", help="语料目录（默认为自带语料）")
        return p

    with_corpus(sub.add_parser("console", help="交互式问答"))
    ask = with_corpus(sub.add_parser("ask", help="回答一个问题；不给问题时逐行读取标准输入"))
    ask.add_argument("question", nargs="?", help="问题")
    ask.add_argument("--json", action="store_true", help="每个问题输出一行 JSON")
    ask.set_defaults(usage=ask.format_usage)
    with_corpus(sub.add_parser("corpus", help="检查语料：文件、访谈、段落和警告"))
    with_corpus(sub.add_parser("telegram", help="运行 Telegram 机器人"))
    with_corpus(sub.add_parser("index", help="建立索引并写入缓存（部署时预热用）"))
    sub.add_parser("health", help="检查运行中的机器人是否健康（读取心跳文件）")
    return parser


def run() -> None:
    """The ``fangtan`` command itself: ``main``, then the process ends without teardown."""
    leave(main(), cli_texts.ERR_OUTPUT_LOST, RUNTIME_ERROR)


def main(argv: Sequence[str] | None = None) -> int:
    tolerate_undecodable_stdin()
    try:
        return _run(argv)
    except BrokenPipeError:
        # The reader of our output went away (fangtan corpus | head): nothing to say.
        _discard_stdout()
        return 0
    except KeyboardInterrupt:
        return _fail(cli_texts.ERR_INTERRUPTED, status=INTERRUPTED)


def _run(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    settings = _settings(args.command or "console")
    if settings is None:
        return USAGE_ERROR
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    corpus_dir = getattr(args, "corpus", None) or settings.corpus_dir

    def engine() -> Loaded:
        return load_engine(corpus_dir, settings.cache_dir, settings.index_cache)

    commands: dict[str, Callable[[], int]] = {
        "console": lambda: _console(engine),
        "ask": lambda: _ask(args.question, args.json, engine, args.usage),
        "corpus": lambda: _corpus(corpus_dir),
        "telegram": lambda: _telegram(cast("Settings", settings), corpus_dir),
        "index": lambda: _index(engine, settings),
        "health": lambda: _health(cast("Settings", settings)),
    }
    try:
        return commands[args.command or "console"]()
    except CorpusError as exc:
        return _fail(str(exc))
    except BrokenPipeError:
        raise
    except Exception as exc:
        # A fault of ours: one line for people, the traceback only when asked for.
        log.debug("unexpected error", exc_info=True)
        return _fail(
            cli_texts.ERR_UNEXPECTED.format(error=f"{type(exc).__name__}: {exc}"), RUNTIME_ERROR
        )


# Commands that need only what ``QuickSettings`` holds.
QUICK = frozenset({"console", "ask", "corpus", "index"})


def _settings(command: str) -> Settings | QuickSettings | None:
    """The settings, or None after saying on stderr what is wrong with them.

    Commands in ``QUICK`` take them without pydantic where that reads them
    exactly as pydantic would (see ``fangtan.bot.env_settings``).
    """
    if command in QUICK:
        quick = quick_settings()
        if quick is not None:
            return quick
    from pydantic import ValidationError

    from fangtan.bot.settings import Settings

    try:
        return Settings()
    except ValidationError as exc:
        for detail in _setting_errors(exc):
            _fail(cli_texts.ERR_SETTINGS.format(detail=detail))
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        _fail(cli_texts.ERR_SETTINGS_FILE.format(path=Path(".env").resolve(), reason=reason))
    return None


def _setting_errors(exc: ValidationError) -> Iterator[str]:
    """One line per bad setting, named as it is set; never the value, which may be a secret."""
    seen: set[str] = set()
    for error in exc.errors():
        where = ".".join(str(part) for part in error.get("loc", ()))
        if where in seen:
            continue
        seen.add(where)
        message = str(error.get("msg", ""))
        yield f"FANGTAN_{where.upper()}: {message}" if where else message


def _fail(message: str, status: int = USAGE_ERROR) -> int:
    _warn(message)
    return status


def _warn(message: str) -> None:
    with contextlib.suppress(OSError, ValueError):
        print(message, file=sys.stderr, flush=True)


def _discard_stdout() -> None:
    """Point stdout at /dev/null, so the flush at exit cannot fail on the closed pipe."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _warn_not_read(loaded: Loaded) -> None:
    for issue in not_read(loaded.corpus):
        _warn(cli_texts.WARN_SKIPPED_FILE.format(message=issue_text(issue)))


def _console(engine: Callable[[], Loaded]) -> int:
    from fangtan.bot.console.session import run_console

    loaded = engine()
    _warn_not_read(loaded)
    return run_console(loaded)


def _ask(
    question: str | None,
    as_json: bool,
    engine: Callable[[], Loaded],
    usage: Callable[[], str],
) -> int:
    if question is not None:
        question, replaced = replace_undecodable(question, sys.getfilesystemencoding())
        if replaced:
            _warn(console_texts.WARN_UNDECODABLE_ARG)
        if not question.strip():
            return _fail(cli_texts.ERR_EMPTY_QUESTION)
    elif sys.stdin is None or sys.stdin.isatty():
        # Nobody is going to type a batch of questions: say how to ask instead of waiting.
        _warn(usage().rstrip())
        return _fail(cli_texts.ERR_ASK_NO_QUESTION)
    loaded = engine()
    _warn_not_read(loaded)
    if question is not None:
        one = answer_json if as_json else lambda a: render(a, conversation=False)
        print(one(loaded.engine.answer(question)))
        return 0
    show = answer_json if as_json else render
    context: Context | None = None
    encoding = stdin_encoding()
    for number, raw in enumerate(sys.stdin, start=1):
        line, replaced = replace_undecodable(raw.rstrip("\r\n"), encoding)
        if replaced:
            _warn(cli_texts.WARN_UNDECODABLE_LINE.format(line=number))
        answer = loaded.engine.answer(line, context)
        context = answer.context or context
        print(show(answer), flush=True)
        if not as_json:
            print(flush=True)
    return 0


def _corpus(corpus_dir: Path | None) -> int:
    corpus = read_corpus(corpus_dir)
    root, _ = replace_undecodable(str(corpus.root.resolve()), sys.getfilesystemencoding())
    print(cli_texts.REPORT_ROOT.format(path=root))
    # Who each file names, and each speaker's first headline, found in one pass.
    in_file: dict[str, dict[str, None]] = {}
    headline_of: dict[str, str] = {}
    for person in corpus.people.values():
        for fact in person.facts:
            in_file.setdefault(fact.source, {})[person.name] = None
    for interview in corpus.interviews:
        if interview.speaker.name:
            in_file.setdefault(interview.source, {})[interview.speaker.name] = None
            headline_of.setdefault(interview.speaker.name, interview.headline)
    by_name = {person.name: person for person in corpus.people.values()}
    for report in corpus.files:
        if report.error:
            print(cli_texts.REPORT_FILE_FAILED.format(path=report.path))
            continue
        print(
            cli_texts.REPORT_FILE.format(
                path=report.path,
                encoding=report.encoding,
                articles=report.articles,
                speakers=report.speakers,
                mentioned=report.mentioned,
                attributed=report.attributed,
                narration=report.narration,
                furniture=report.furniture,
                repaired=report.repaired,
            )
        )
        for name in in_file.get(report.path, {}):
            person = by_name[name]
            line = cli_texts.REPORT_SPEAKER if person.speaks else cli_texts.REPORT_MENTIONED
            headline = headline_of.get(name, "")
            print(
                line.format(
                    name=person.name,
                    role=person.role or cli_texts.NOTHING,
                    affiliation=person.affiliation or cli_texts.NOTHING,
                    headline=headline,
                )
            )
    print(
        cli_texts.REPORT_TOTAL.format(
            files=len(corpus.files),
            articles=sum(f.articles for f in corpus.files),
            speakers=len(corpus.speakers()),
            mentioned=len(corpus.people) - len(corpus.speakers()),
            paragraphs=corpus.paragraphs,
            repaired=corpus.repaired,
        )
    )
    if corpus.warnings:
        print(cli_texts.REPORT_WARNINGS)
        for issue in corpus.warnings:
            print(cli_texts.REPORT_WARNING.format(message=issue_text(issue)))
    if not corpus.usable:
        return _fail(serving_texts.ERR_CORPUS_EMPTY.format(path=corpus.root), status=RUNTIME_ERROR)
    return 0


def _telegram(settings: Settings, corpus_dir: Path | None) -> int:
    from fangtan.bot.telegram.main import run_telegram

    return run_telegram(settings, corpus_dir)


def _index(engine: Callable[[], Loaded], settings: Settings | QuickSettings) -> int:
    """Build the index once (and its caches), e.g. while building an image."""
    from fangtan.retrieval.search.cache import cache_file

    loaded = engine()
    summary = loaded.engine.summary()
    print(
        cli_texts.INDEX_REPORT.format(
            interviews=len(loaded.corpus.speakers()),
            paragraphs=summary.paragraphs,
            terms=summary.terms,
            seconds=loaded.seconds,
            how=cli_texts.INDEX_HOW[loaded.how],
        )
    )
    if loaded.how != "uncached":
        print(cli_texts.INDEX_CACHE_FILE.format(path=cache_file(settings.cache_dir, loaded.corpus)))
    return 0


def _health(settings: Settings) -> int:
    from fangtan.bot.serving.heartbeat import check_heartbeat

    healthy, message = check_heartbeat(settings.heartbeat_file)
    print(message, file=sys.stdout if healthy else sys.stderr)
    return 0 if healthy else RUNTIME_ERROR
