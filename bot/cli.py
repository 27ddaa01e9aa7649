"""The ``fangtan`` command: console, ask, corpus, telegram.

Every failure a user can cause (a wrong path, an empty question, a bad
setting) ends in one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from pydantic import ValidationError

from fangtan.bot import texts
from fangtan.bot.engine.answer import Context
from fangtan.bot.console.json_out import answer_json
from fangtan.bot.serving.loading import CorpusError, Loaded, load_engine, read_corpus
from fangtan.bot.console.render import render
from fangtan.bot.settings import Settings
from fangtan.bot.wording import issue_text

USAGE_ERROR = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fangtan", description="访谈问答：问新闻访谈里谁说了什么，答案附原话和出处。"
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
    with_corpus(sub.add_parser("corpus", help="检查语料：文件、访谈、段落和警告"))
    with_corpus(sub.add_parser("telegram", help="运行 Telegram 机器人"))
    with_corpus(sub.add_parser("index", help="建立索引并写入缓存（部署时预热用）"))
    sub.add_parser("health", help="检查运行中的机器人是否健康（读取心跳文件）")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as exc:
        return _fail(texts.ERR_SETTINGS.format(detail=_first_error(exc)))
    logging.basicConfig(
        level=settings.log_level.upper() if settings.log_level else "INFO",
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    corpus_dir = getattr(args, "corpus", None) or settings.corpus_dir

    def engine() -> Loaded:
        return load_engine(corpus_dir, settings.cache_dir, settings.index_cache)

    commands: dict[str, Callable[[], int]] = {
        "console": lambda: _console(engine),
        "ask": lambda: _ask(args.question, args.json, engine),
        "corpus": lambda: _corpus(corpus_dir),
        "telegram": lambda: _telegram(settings, corpus_dir),
        "index": lambda: _index(engine, settings),
        "health": lambda: _health(settings),
    }
    try:
        return commands[args.command or "console"]()
    except CorpusError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return _fail(texts.ERR_INTERRUPTED, status=130)
    except BrokenPipeError:
        # The reader of our output went away (fangtan corpus | head): nothing to say.
        sys.stderr.close()
        return 0


def _fail(message: str, status: int = USAGE_ERROR) -> int:
    print(message, file=sys.stderr)
    return status


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error.get("loc", ()))
    return f"FANGTAN_{where.upper()}: {error.get('msg', '')}" if where else str(error.get("msg"))


def _console(engine: Callable[[], Loaded]) -> int:
    from fangtan.bot.console.session import run_console

    return run_console(engine())


def _ask(question: str | None, as_json: bool, engine: Callable[[], Loaded]) -> int:
    if question is not None and not question.strip():
        return _fail(texts.ERR_EMPTY_QUESTION)
    loaded = engine()
    show = answer_json if as_json else render
    if question is not None:
        print(show(loaded.engine.answer(question)))
        return 0
    context: Context | None = None
    for line in sys.stdin:
        answer = loaded.engine.answer(line.rstrip("\r\n"), context)
        context = answer.context or context
        print(show(answer), flush=True)
        if not as_json:
            print(flush=True)
    return 0


def _corpus(corpus_dir: Path | None) -> int:
    corpus = read_corpus(corpus_dir)
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
            print(texts.REPORT_FILE_FAILED.format(path=report.path))
            continue
        print(
            texts.REPORT_FILE.format(
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
            line = texts.REPORT_SPEAKER if person.speaks else texts.REPORT_MENTIONED
            headline = headline_of.get(name, "")
            print(
                line.format(
                    name=person.name,
                    role=person.role or texts.NOTHING,
                    affiliation=person.affiliation or texts.NOTHING,
                    headline=headline,
                )
            )
    print(
        texts.REPORT_TOTAL.format(
            files=len(corpus.files),
            articles=sum(f.articles for f in corpus.files),
            speakers=len(corpus.speakers()),
            mentioned=len(corpus.people) - len(corpus.speakers()),
            paragraphs=corpus.paragraphs,
            repaired=corpus.repaired,
        )
    )
    if corpus.warnings:
        print(texts.REPORT_WARNINGS)
        for issue in corpus.warnings:
            print(texts.REPORT_WARNING.format(message=issue_text(issue)))
    if not corpus.usable:
        return _fail(texts.ERR_CORPUS_EMPTY.format(path=corpus.root), status=1)
    return 0


def _telegram(settings: Settings, corpus_dir: Path | None) -> int:
    from fangtan.bot.telegram.main import run_telegram

    return run_telegram(settings, corpus_dir)


def _index(engine: Callable[[], Loaded], settings: Settings) -> int:
    """Build the index once (and its caches), e.g. while building an image."""
    from fangtan.retrieval.cache import cache_file

    loaded = engine()
    index = loaded.engine.index
    print(
        texts.INDEX_REPORT.format(
            interviews=len(loaded.corpus.speakers()),
            paragraphs=index.size,
            terms=len(index.term_ids),
            seconds=loaded.seconds,
            how=texts.INDEX_HOW[loaded.how],
        )
    )
    if loaded.how != "uncached":
        print(texts.INDEX_CACHE_FILE.format(path=cache_file(settings.cache_dir, loaded.corpus)))
    return 0


def _health(settings: Settings) -> int:
    from fangtan.bot.serving.heartbeat import check_heartbeat

    healthy, message = check_heartbeat(settings.heartbeat_file)
    print(message, file=sys.stdout if healthy else sys.stderr)
    return 0 if healthy else 1
