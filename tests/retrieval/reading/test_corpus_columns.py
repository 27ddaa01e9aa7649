"""Chunks, interviews and people made on access agree with each other and with their texts."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from fangtan.retrieval.reading.corpus import load_corpus
from fangtan.retrieval.reading.corpus_columns import ChunkSequence, Squeezed
from fangtan.retrieval.reading.texts import TextTable
from fangtan.retrieval.records import Corpus, head_of
from fangtan.retrieval.search.normalize import squeeze
from tests.conftest import ROOT, write


def test_chunks_are_numbered_by_position(seed_corpus: Corpus) -> None:
    chunks = seed_corpus.chunks
    assert isinstance(chunks, ChunkSequence)
    assert [c.id for c in chunks] == list(range(len(chunks)))
    assert chunks[-1] == chunks[len(chunks) - 1]
    assert list(chunks) == [chunks[i] for i in range(len(chunks))]
    assert chunks.interview_ids().tolist() == [c.interview_id for c in chunks]


def test_chunks_share_their_interview_s_headline_and_speaker(seed_corpus: Corpus) -> None:
    for chunk in seed_corpus.chunks:
        interview = seed_corpus.interviews[chunk.interview_id]
        assert (chunk.source, chunk.headline, chunk.speaker) == (
            interview.source,
            interview.headline,
            interview.speaker,
        )
        assert chunk.text in chunk.passage


def test_heads_and_speakers_read_from_the_columns_match_the_made_records(
    seed_corpus: Corpus,
) -> None:
    interviews = list(seed_corpus.interviews)
    heads = [head_of(i) for i in interviews]
    assert [seed_corpus.interview_head(j) for j in range(len(heads))] == heads
    assert [seed_corpus.interview_head(j) for j in reversed(range(len(heads)))] == heads[::-1]
    assert sum(h.paragraphs for h in heads) == len(seed_corpus.chunks)
    ids = list(range(len(seed_corpus.chunks)))[::-3]
    chunks = seed_corpus.chunks
    assert isinstance(chunks, ChunkSequence)
    assert chunks.speakers_at(ids) == [chunks[i].speaker for i in ids]
    # A corpus of plain lists gives the same, from its records.
    plain = Corpus(seed_corpus.root, interviews=interviews, chunks=list(chunks))
    assert [plain.interview_head(j) for j in range(len(heads))] == heads
    assert plain.interview_head(2) == heads[2]
    grouped = [list(seed_corpus.interview_chunks(j)) for j in range(len(heads))]
    assert grouped == [list(plain.interview_chunks(j)) for j in range(len(heads))]
    assert grouped == [[c.id for c in chunks if c.interview_id == h.id] for h in heads]
    assert [len(ids) for ids in grouped] == [h.paragraphs for h in heads]
    speakers = [i.speaker for i in interviews]
    assert [seed_corpus.interview_speaker(j) for j in range(len(heads))] == speakers
    assert [plain.interview_speaker(j) for j in range(len(heads))] == speakers


def test_roles_are_read_without_keeping_a_speaker(tmp_path: Path) -> None:
    """A filter by role reads every interviewee's roles: they are the speakers' roles,
    and reading them leaves no speaker behind."""
    corpus = load_corpus(Path(__file__).parents[2] / "articles" / "pages")
    interviews = list(corpus.interviews)
    assert any(i.speaker.roles for i in interviews)
    fresh = load_corpus(Path(__file__).parents[2] / "articles" / "pages")
    kept = dict(fresh.people._speakers)  # type: ignore[attr-defined]
    roles = [fresh.interview_roles(j) for j in range(len(interviews))]
    assert roles == [i.speaker.roles for i in interviews]
    assert fresh.interviews._columns._speakers == [None] * len(interviews)  # type: ignore[attr-defined]
    assert fresh.people._speakers == kept  # type: ignore[attr-defined]
    plain = Corpus(corpus.root, interviews=interviews, chunks=list(corpus.chunks))
    assert [plain.interview_roles(j) for j in range(len(interviews))] == roles
    # Once a speaker is made, its roles are the ones read.
    made = [fresh.interview_speaker(j) for j in range(len(interviews))]
    assert [fresh.interview_roles(j) for j in range(len(interviews))] == [s.roles for s in made]


def test_names_and_facts_are_read_without_keeping_anyone(seed_corpus: Corpus) -> None:
    people = seed_corpus.people
    assert seed_corpus.every_name() == [p.name for p in people.values()]
    fresh = Corpus(seed_corpus.root, people=dict(people.items()))
    assert fresh.every_name() == seed_corpus.every_name()
    told = 0
    for key, person in people.items():
        texts = tuple(dict.fromkeys(f.text for f in person.facts))
        assert seed_corpus.fact_texts(key) == fresh.fact_texts(key) == texts
        told += bool(texts)
    assert told  # the seed's people have roles and affiliations
    assert seed_corpus.fact_texts("无此人") is fresh.fact_texts("无此人") is None


def test_an_interview_s_paragraphs_are_its_chunks(seed_corpus: Corpus) -> None:
    texts: dict[int, list[str]] = {}
    for chunk in seed_corpus.chunks:
        texts.setdefault(chunk.interview_id, []).append(chunk.text)
    assert [i.id for i in seed_corpus.interviews] == list(range(len(seed_corpus.interviews)))
    for interview in seed_corpus.interviews:
        assert interview.paragraphs == tuple(texts[interview.id])
        assert interview.header == interview.headline


def test_squeezed_texts_are_the_texts_squeezed(seed_corpus: Corpus) -> None:
    chunks = seed_corpus.chunks
    assert list(seed_corpus.squeezed) == [squeeze(c.text) for c in chunks]
    assert list(seed_corpus.squeezed_prompts) == [
        squeeze(c.prompt) if c.prompt else "" for c in chunks
    ]
    assert list(seed_corpus.squeezed_headlines) == [
        squeeze(i.headline) for i in seed_corpus.interviews
    ]


def test_paragraphs_are_counted_from_the_columns_as_from_the_chunks(seed_corpus: Corpus) -> None:
    listed = Corpus(seed_corpus.root, chunks=list(seed_corpus.chunks))
    assert seed_corpus.paragraphs == listed.paragraphs > 0
    assert Corpus(seed_corpus.root).paragraphs == 0


def test_people_are_made_on_access(seed_corpus: Corpus) -> None:
    people = seed_corpus.people
    as_dict = dict(people.items())
    assert list(people) == list(as_dict) and len(people) == len(as_dict)
    assert people == as_dict
    key = next(iter(people))
    assert key in people and people[key] is people[key] and people.get(key) == as_dict[key]
    assert "nobody at all" not in people and people.get("nobody at all") is None
    assert seed_corpus.speakers() == [p for p in as_dict.values() if p.speaks]
    assert Corpus(seed_corpus.root, people=as_dict).speakers() == seed_corpus.speakers()


def test_speakers_show_what_the_corpus_knows_of_them(seed_corpus: Corpus) -> None:
    for interview in seed_corpus.interviews:
        speaker = interview.speaker
        if speaker.name is None:
            continue
        person = next(p for p in seed_corpus.people.values() if p.name == speaker.name)
        assert (speaker.roles, speaker.affiliation, speaker.organisation, speaker.post) == (
            person.roles,
            person.affiliation,
            person.organisation,
            person.post,
        )


def test_interview_ids_cannot_be_written_through(seed_corpus: Corpus) -> None:
    chunks = seed_corpus.chunks
    assert isinstance(chunks, ChunkSequence)
    ids = chunks.interview_ids()
    assert isinstance(ids, np.ndarray) and not ids.flags.writeable


def test_squeezed_texts_read_many_at_once_as_one_by_one(seed_corpus: Corpus) -> None:
    squeezed = seed_corpus.squeezed
    assert isinstance(squeezed, Squeezed)
    every = list(range(len(squeezed)))
    assert squeezed.many(every) == list(squeezed) == squeezed[:] == squeezed.every()
    assert squeezed.many(every[::-3]) == [squeezed[i] for i in every[::-3]]
    assert squeezed.many([]) == []


def test_strings_kept_aside_read_many_at_once() -> None:
    odd = ["a\0b", "", "关于", "a\ud800b", "x", "\udc00"]
    tables = [TextTable.of(odd), TextTable.of(["前", "a\0", "后"])]
    files = np.array([0, 1, 0, 0, 1, 0, 0, 1, 0], dtype=np.int32)
    numbers = np.array([0, 0, 1, 2, 1, 3, 4, 2, 5], dtype=np.int32)
    squeezed = Squeezed(tables, files, numbers)
    expected = [tables[f].text(n) for f, n in zip(files.tolist(), numbers.tolist(), strict=True)]
    # Read whole, where the strings lie is worked out and not kept.
    whole = Squeezed(tables, files, numbers)
    assert whole.every() == expected and whole._places is None
    assert list(squeezed) == expected
    assert squeezed.many(list(range(9))) == expected == squeezed.every()
    assert squeezed.many([8, 1, 1, 0]) == [expected[8], expected[1], expected[1], expected[0]]


# An interview, then a report that quotes nobody: its paragraphs have no named speaker.
SPOKEN_AND_NOT = """\
把科普送进山村

——访省人大代表林青禾

“孩子们最缺的是动手的机会。”省人大代表、青禾科普中心主任林青禾说。她建议把「流动科技馆」开进每一个乡镇。

林青禾表示，要让「科学老师」成为乡村学校的常设岗位。

春季植树活动启动

本报讯 昨日，全市春季义务植树活动在东山公园启动，数百名市民参加。

活动现场还设置了「绿色课堂」，向市民讲解树木养护知识。
"""


def test_spoken_texts_are_the_named_speakers_chunks_read_from_the_columns(
    tmp_path: Path,
) -> None:
    write(tmp_path, "page.txt", SPOKEN_AND_NOT)
    corpus = load_corpus(tmp_path)
    assert isinstance(corpus.chunks, ChunkSequence)
    made = [c.text for c in corpus.chunks if c.speaker.name]
    assert 0 < len(made) < len(corpus.chunks)  # the report's paragraphs are left out
    assert list(corpus.spoken_texts()) == made
    plain = Corpus(corpus.root, chunks=list(corpus.chunks))
    assert list(plain.spoken_texts()) == made


def test_file_texts_are_each_file_s_chunk_texts_and_headlines() -> None:
    corpus = load_corpus(ROOT / "tests" / "articles" / "pages")
    chunks = corpus.chunks
    assert isinstance(chunks, ChunkSequence)
    sizes = chunks.file_sizes()
    assert len(sizes) > 1
    for number, (source, n, m) in enumerate(sizes):
        texts, headlines = chunks.file_texts(number)
        assert texts == [c.text for c in corpus.chunks if c.source == source]
        assert headlines == [i.headline for i in corpus.interviews if i.source == source]
        assert (len(texts), len(headlines)) == (n, m)
        assert chunks.file_chars(number) >= sum(map(len, texts))
        assert chunks.file_squeezed(number) == [squeeze(t) for t in texts]
