"""The loader on small corpora written here: repair, headers, encodings, bad files."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from fangtan.retrieval.reading.corpus import CorpusNotFound, load_corpus
from fangtan.retrieval.reading.header import parse_speaker
from fangtan.retrieval.records import IssueKind
from tests.conftest import write

ONE = """\
让城市更有温度

——访市人大代表王小明

市人大代表、城南区委书记王小明说，要把民生实事办到群众心坎上，推动老旧小区尽快开
工改造。

王小明表示，将加快建设口袋公园，打通“最后一百米”。
"""


def test_seed_has_eight_interviews_and_21_paragraphs(seed_corpus) -> None:
    assert len(seed_corpus.speakers()) == 8
    assert seed_corpus.paragraphs == 21
    assert seed_corpus.warnings == []


def test_seed_mid_word_breaks_are_repaired(seed_corpus) -> None:
    texts = [c.text for c in seed_corpus.chunks]
    for joined in ("尽快开工", "技术攻关", "共配中心", "践行为民初心"):
        assert any(joined in t for t in texts), joined
    # Headlines and ——访 lines are never glued onto bodies.
    assert not any("——访" in t for t in texts)
    headlines = [i.headline for i in seed_corpus.interviews]
    assert not any(t.endswith(h) or t.startswith(h) for t in texts for h in headlines)


def test_chunks_carry_their_citation(seed_corpus) -> None:
    for chunk in seed_corpus.chunks:
        interview = seed_corpus.interviews[chunk.interview_id]
        assert chunk.text in interview.paragraphs and chunk.text in chunk.passage
        assert chunk.speaker == interview.speaker
        assert chunk.headline == interview.headline
        assert chunk.source == "zhengzhou-lianghui-interviews.txt"


def test_seed_affiliations_come_from_the_body(seed_corpus) -> None:
    by_name = {i.speaker.name: i.speaker for i in seed_corpus.interviews}
    assert by_name["张乾坤"].affiliation == "郑州云智信安安全技术有限公司董事长"
    assert by_name["张乾坤"].organisation == "郑州云智信安安全技术有限公司"
    assert by_name["张乾坤"].post == "董事长"
    assert by_name["赵魁伟"].affiliation == "致公党党员"
    assert by_name["李嵘"].roles == ("市人大代表",)
    assert by_name["代灿丽"].roles == ("市政协委员",)


@pytest.mark.parametrize("dash", ["——", "—", "--", "── ", "—— ", "-- "])
def test_header_dash_variants(tmp_path: Path, dash: str) -> None:
    write(tmp_path, "a.txt", ONE.replace("——访", f"{dash}访"))
    corpus = load_corpus(tmp_path)
    [interview] = corpus.interviews
    assert interview.speaker.name == "王小明"
    assert interview.headline == "让城市更有温度"
    assert interview.paragraphs[0].endswith("推动老旧小区尽快开工改造。")
    assert corpus.repaired == 1


def test_header_with_affiliation_and_compound_surname() -> None:
    speaker = parse_speaker("全国人大代表、某某集团董事长欧阳明月", "欧阳明月说，要……")
    assert speaker.name == "欧阳明月"
    assert speaker.roles == ("全国人大代表",)
    assert speaker.affiliation == "某某集团董事长"
    assert (speaker.organisation, speaker.post) == ("某某集团", "董事长")


@pytest.mark.parametrize(
    ("who", "body", "name"),
    [
        ("市人大代表马琳", "马琳建议，要这样。马琳表示，要那样。", "马琳"),
        ("区政协委员司马光辉", "司马光辉说，好。", "司马光辉"),
        ("县人大代表任马明", "市里的任马明说，好。任马明认为，对。", "任马明"),
        ("省政协委员王芳", "", "王芳"),
    ],
)
def test_names_of_two_to_four_characters(who: str, body: str, name: str) -> None:
    assert parse_speaker(who, body).name == name


def test_role_vocabulary_levels() -> None:
    assert parse_speaker("区人大代表、某街道办事处主任张三", "").roles == ("区人大代表",)
    assert parse_speaker("全国政协委员李四", "").roles == ("全国政协委员",)
    assert parse_speaker("县政协委员赵五", "").roles == ("县政协委员",)


@pytest.mark.parametrize(
    ("encoding", "newline", "bom"),
    [
        ("utf-8", "\n", b""),
        ("utf-8", "\r\n", codecs.BOM_UTF8),
        ("gb18030", "\r\n", b""),
        ("gbk", "\n", b""),
        ("utf-16", "\r\n", b""),
    ],
)
def test_encodings_and_line_endings(
    tmp_path: Path, encoding: str, newline: str, bom: bytes
) -> None:
    text = ONE.replace("\n", newline) + newline * 3
    (tmp_path / "a.txt").write_bytes(bom + text.encode(encoding))
    corpus = load_corpus(tmp_path)
    assert [i.speaker.name for i in corpus.interviews] == ["王小明"]
    assert len(corpus.chunks) == 2
    assert corpus.warnings == []


def test_file_without_interview_is_one_anonymous_article(tmp_path: Path) -> None:
    write(tmp_path, "note.txt", "城市夜景\n\n今年城市新增夜间灯光秀三处。\n\n市民纷纷点赞。\n")
    corpus = load_corpus(tmp_path)
    [article] = corpus.interviews
    assert article.speaker.name is None
    assert article.headline == "城市夜景"
    assert len(corpus.chunks) == 2
    assert [w.kind for w in corpus.warnings] == [IssueKind.NO_INTERVIEW]


def test_undecodable_file_is_reported_and_the_rest_loads(tmp_path: Path) -> None:
    write(tmp_path, "good.txt", ONE)
    (tmp_path / "bad.txt").write_bytes(b"\x81\xff\xfe\x00\x80\x80binary\x00\x00")
    corpus = load_corpus(tmp_path)
    assert [i.speaker.name for i in corpus.interviews] == ["王小明"]
    [issue] = corpus.warnings
    assert issue.kind is IssueKind.UNDECODABLE and issue.path == "bad.txt"


def test_a_file_the_reader_fails_on_is_reported_and_the_rest_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from fangtan.retrieval.reading import reader
    from fangtan.retrieval.reading.drafts import FileReading

    real_read = reader.read

    def failing(text: str, fallback_title: str) -> FileReading:
        if "钱多多" in text:
            raise RecursionError("a defect of the reader")
        return real_read(text, fallback_title)

    monkeypatch.setattr(reader, "read", failing)
    write(tmp_path, "good.txt", ONE)
    write(tmp_path, "odd.txt", ONE.replace("王小明", "钱多多"))
    corpus = load_corpus(tmp_path)
    assert [i.speaker.name for i in corpus.interviews] == ["王小明"]
    [issue] = corpus.warnings
    assert issue.kind is IssueKind.UNPARSED and issue.path == "odd.txt"
    assert "RecursionError" in issue.detail
    assert any("odd.txt" in r.getMessage() and r.exc_info for r in caplog.records)


def test_hidden_and_non_txt_files_are_ignored(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", ONE)
    write(tmp_path, ".draft.txt", ONE.replace("王小明", "钱多多"))
    write(tmp_path, "notes.md", ONE.replace("王小明", "孙一一"))
    write(tmp_path, "sub/b.txt", ONE.replace("王小明", "周二二"))
    names = [i.speaker.name for i in load_corpus(tmp_path).interviews]
    assert names == ["王小明", "周二二"]


def test_prose_before_the_first_interview_is_kept(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "本报讯 今年两会期间，记者采访了多位代表。\n\n" + ONE)
    corpus = load_corpus(tmp_path)
    assert [i.speaker.name for i in corpus.interviews] == [None, "王小明"]
    assert corpus.chunks[0].text.startswith("本报讯") and corpus.chunks[0].speaker.name is None


def test_missing_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(CorpusNotFound):
        load_corpus(tmp_path / "nope")


def test_empty_folder_is_not_usable(tmp_path: Path) -> None:
    corpus = load_corpus(tmp_path)
    assert not corpus.usable
    assert [w.kind for w in corpus.warnings] == [IssueKind.NO_FILES]


def test_several_articles_in_one_file_and_one_per_file(other_corpus_dir: Path, tmp_path) -> None:
    corpus = load_corpus(other_corpus_dir)
    named = [i for i in corpus.interviews if i.speaker.name]
    assert [i.speaker.name for i in named] == ["欧阳晓峰", "刘芳", "孙建国"]
    assert named[1].speaker.affiliation == "江城环保科技有限公司总工程师"
    assert (
        corpus.interviews[0]
        .paragraphs[1]
        .endswith("推动冰雪运动进校园，让更多青少年爱上冰雪运动。")
    )


def test_bylines_are_not_anybodys_words(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", ONE + "\n（本报记者 周航 整理）\n")
    [interview] = load_corpus(tmp_path).interviews
    assert len(interview.paragraphs) == 2
    assert not any("记者" in p for p in interview.paragraphs)


@pytest.mark.parametrize(
    ("affiliation", "organisation", "post"),
    [
        ("某市湖滨区翠柳社区党委书记", "某市湖滨区翠柳社区党委", "书记"),
        ("某市工商联副主席、立新精密机械有限公司董事长", "立新精密机械有限公司", "董事长"),
        ("某县人大常委会副主任", "某县人大常委会", "副主任"),
        ("某某科技有限公司市场开发经理", "某某科技有限公司", "市场开发经理"),
        ("致公党党员", "致公党", "党员"),
    ],
)
def test_organisation_and_post(affiliation: str, organisation: str, post: str) -> None:
    from fangtan.retrieval.reading.affiliations import split_affiliation

    assert split_affiliation(affiliation) == (organisation, post)


def test_affiliation_after_the_name_in_the_body(tmp_path: Path) -> None:
    text = (
        "跑出加速度\n\n——访市人大代表赵一一\n\n"
        "曾是全国冠军的赵一一，如今是市人大代表、某市体育运动学校校长。她说，要办好体校。\n"
    )
    write(tmp_path, "a.txt", text)
    [interview] = [i for i in load_corpus(tmp_path).interviews if i.speaker.name]
    assert interview.speaker.affiliation == "某市体育运动学校校长"
    assert (interview.speaker.organisation, interview.speaker.post) == ("某市体育运动学校", "校长")


def test_one_person_across_files_and_scripts(tmp_path: Path) -> None:
    write(
        tmp_path,
        "a.txt",
        "乡村振兴谈\n——访省人大代表邬云帆\n“要把路修到村口。”省人大代表、青川县交通局局长邬云帆说。\n",
    )
    write(
        tmp_path,
        "b.txt",
        "交通建設談\n全國人大代表、青川縣交通局局長鄔雲帆表示，農村公路要建好管好。\n",
    )
    corpus = load_corpus(tmp_path)
    [person] = corpus.speakers()
    assert person.key == "邬云帆"
    assert {"省人大代表", "全國人大代表"} <= set(person.roles)
    assert {f.source for f in person.facts} == {"a.txt", "b.txt"}
    chunks = [c for c in corpus.chunks if c.speaker.name]
    assert {c.source for c in chunks} == {"a.txt", "b.txt"}
    assert all(c.speaker.name == person.name for c in chunks)


def test_reading_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    """The index cache is keyed by the files: the same files must give the same chunks."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    script = (
        "import hashlib, sys; from pathlib import Path;"
        "from fangtan.retrieval.reading.corpus import load_corpus;"
        "c = load_corpus(Path(sys.argv[1]));"
        "print(hashlib.sha1(''.join(f'{x.speaker.name}|{x.text}' for x in c.chunks).encode())"
        ".hexdigest())"
    )
    sys.path.insert(0, str(ROOT / "bench"))
    from make_corpus import write_corpus

    write_corpus(tmp_path, paragraphs=600, seed=5)
    digests = {
        subprocess.run(
            [sys.executable, "-c", script, str(tmp_path)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1
