"""What the engine knows of a corpus is read from its first interviews where that is enough."""

from __future__ import annotations

from pathlib import Path

from fangtan.bot.engine.knowledge import Knowledge
from fangtan.retrieval.reading.corpus import load_corpus
from fangtan.retrieval.search.index import BM25Index
from fangtan.retrieval.search.normalize import squeeze
from tests.conftest import write

# One person interviewed twice, and two others once.
TWICE = """\
让山泉水走出大山

——访市人大代表、清溪农业合作社理事长潘石岩

“山里的好水要卖出好价钱。”市人大代表、清溪农业合作社理事长潘石岩说。他建议建设山泉水检测中心。

守护古村落

——访市政协委员、松林古建研究所所长董若兰

“老房子是会说话的历史。”市政协委员、松林古建研究所所长董若兰表示，古村落保护要先摸清家底。

再谈山泉水品牌

——访市人大代表潘石岩

潘石岩表示，山泉水品牌要统一标准、统一包装，让合作社的社员都受益。

让夜市亮起来

——访市人大代表、城南商会会长邹明川

市人大代表、城南商会会长邹明川说，夜市要有烟火气，也要守住食品安全底线。
"""


def test_titles_and_lists_come_from_first_interviews_without_making_the_rest(
    tmp_path: Path,
) -> None:
    write(tmp_path, "page.txt", TWICE)
    known = Knowledge(BM25Index(load_corpus(tmp_path)))
    names = list(known.interviews_of)
    assert len(names) == 3
    twice = next(n for n in names if known._interview_numbers[n][1:])
    # A list of everyone and everyone's titles make no one's whole list of interviews.
    everyone = known.people()
    titles = known.credentials
    assert all(known.interviews_of.made(n) is None for n in names)
    assert [p.name for p in everyone] == names
    for name in names:
        first = known.interviews_of[name][0]
        assert known.first_interview(name) == first
        assert titles[name][1] == squeeze(f"{first.speaker.role}{first.speaker.affiliation}")
    assert len(known.interviews_of[twice]) == 2
    assert known.people() == [known.person(known.interviews_of[n][0]) for n in names]


def test_an_interviewee_s_paragraphs_are_read_from_their_interviews(tmp_path: Path) -> None:
    write(tmp_path, "page.txt", TWICE)
    known = Knowledge(BM25Index(load_corpus(tmp_path)))
    chunks = known.corpus.chunks
    for name in known.interviews_of:
        assert known.chunks_of[name] == [c.id for c in chunks if c.speaker.name == name]
    assert sum(len(known.chunks_of[n]) for n in known.interviews_of) == len(
        [c for c in chunks if c.speaker.name]
    )
    assert "不在文中的人" not in known.chunks_of
    assert known.chunks_of.get("不在文中的人", []) == []


def test_a_filter_by_role_reads_everyone_s_interviews_without_keeping_them(
    tmp_path: Path,
) -> None:
    """A role is asked of every interviewee: their heads and paragraph lists are not
    kept for it, and the filter finds what everyone's interviews say."""
    write(tmp_path, "page.txt", TWICE)
    known = Knowledge(BM25Index(load_corpus(tmp_path)))
    names = list(known.interviews_of)
    deputies = known.people(("人大代表",))
    members = known.people(("政协委员",))
    deputy_chunks = known.allowed_chunks(("人大代表",))
    assert all(known.interviews_of.made(n) is None for n in names)
    assert "chunks_of" not in vars(known)
    assert [p.name for p in deputies] == ["潘石岩", "邹明川"]
    assert [p.name for p in members] == ["董若兰"]
    assert deputy_chunks is not None
    held = [c.id for c in known.corpus.chunks if c.speaker.name in {"潘石岩", "邹明川"}]
    assert sorted(deputy_chunks) == held
    # The same once everyone's interviews are made and kept.
    again = Knowledge(BM25Index(load_corpus(tmp_path)))
    for name in names:
        again.interviews_of[name]
    assert again.people(("人大代表",)) == deputies
    assert again.allowed_chunks(("人大代表",)) is not None
    assert sorted(again.allowed_chunks(("人大代表",)) or ()) == held
