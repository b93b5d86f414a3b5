"""The parse cache (core/parse_cache.py): ``handbook check`` says exactly the same with a warm
cache, a cold one and a damaged one, after any edit; an edited file alone is parsed again."""

from __future__ import annotations

import pickle
import shutil
import zlib
from pathlib import Path

import pytest

from generator.cli import main
from generator.core import parse_cache as cache_module
from generator.core import yaml_reader
from generator.core.project import Project
from generator.core.sources import Locator, parse_cache, parse_yaml
from tests.core.test_check import edit

QUESTION = """  - id: q03
    type: true_false
    stem: 接待业主时应当先问候。
    answer: true
    explanation: 先问候，让业主感到被重视。
"""


def check(project: Project, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["--root", str(project.root), "check"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def cache_file(project: Project) -> Path:
    return project.cache / cache_module.PARSES


def add_question(project: Project) -> None:
    bank = project.quizzes / "regular-sample.yaml"
    bank.write_text(bank.read_text(encoding="utf-8") + QUESTION, encoding="utf-8")


def wrong_answer(project: Project) -> None:
    edit(project.quizzes / "regular-sample.yaml", "answer: a", "answer: c")


def unknown_instructor(project: Project) -> None:
    module = project.curriculum / "modules" / "induction" / "induction-team.md"
    edit(module, "instructor: cs_team_leader", "instructor: coach")


def key_twice(project: Project) -> None:
    edit(project.quizzes / "regular-sample.yaml", "    answer: a\n", "    answer: a\n    answer: b\n")


def saved_as_gb18030(project: Project) -> None:
    """The bank saved by a Chinese Windows editor, with a wrong answer to locate in it."""
    wrong_answer(project)
    bank = project.quizzes / "regular-sample.yaml"
    bank.write_bytes(bank.read_text(encoding="utf-8").encode("gb18030"))


EDITS = [add_question, wrong_answer, unknown_instructor, key_twice, saved_as_gb18030]


@pytest.mark.parametrize("change", EDITS, ids=lambda change: change.__name__)
def test_check_says_the_same_with_a_warm_cache_as_with_none(mini: Project, change, capsys) -> None:
    before = check(mini, capsys)
    assert before[0] == 0 and cache_file(mini).is_file()
    change(mini)
    warm = check(mini, capsys)  # every file but the edited one from the cache of the run before
    assert warm != before
    again = check(mini, capsys)  # the edited file's parse from the cache too, where it parsed
    shutil.rmtree(mini.cache)
    cold = check(mini, capsys)
    assert warm == again == cold


def test_an_error_found_in_a_kept_parse_names_its_file_line_and_field(mini: Project, capsys) -> None:
    wrong_answer(mini)
    unknown_instructor(mini)
    cold = check(mini, capsys)
    assert cache_file(mini).is_file()
    assert check(mini, capsys) == cold
    assert "quizzes/regular-sample.yaml:13:13: questions.0.answer: 答案“c”不是本题的选项" in cold[2]
    assert "curriculum/modules/induction/induction-team.md:8:13: instructor: 未知角色“coach”" in cold[2]


def counted_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []
    parse = yaml_reader.parse

    def counting(text: str, marks):
        parsed.append(text)
        return parse(text, marks)

    monkeypatch.setattr(yaml_reader, "parse", counting)
    return parsed


def test_an_edited_file_alone_is_parsed_again(mini: Project, capsys, monkeypatch) -> None:
    check(mini, capsys)
    parsed = counted_parses(monkeypatch)
    check(mini, capsys)
    assert parsed == []
    add_question(mini)
    check(mini, capsys)
    assert len(parsed) == 1 and "q03" in parsed[0]


def test_a_new_parser_parses_everything_again(mini: Project, capsys, monkeypatch) -> None:
    check(mini, capsys)
    monkeypatch.setattr(cache_module, "parser_signature", lambda: "another parser")
    parsed = counted_parses(monkeypatch)
    check(mini, capsys)
    assert len(parsed) > 5


def plant(data: object) -> bytes:
    """A cache file with a good checksum around any pickle."""
    pickled = pickle.dumps(data)
    return zlib.crc32(pickled).to_bytes(cache_module.CHECKSUM_BYTES, "big") + pickled


class Planted:
    """An object a planted cache file asks the unpickler to make: refused, never made."""

    made = False

    def __reduce__(self):
        return (Planted.mark, ())

    @staticmethod
    def mark() -> None:
        Planted.made = True


def damages(project: Project) -> list[bytes]:
    good = cache_file(project).read_bytes()
    signature = cache_module.parser_signature()
    entries = cache_module.unsealed(good)["entries"]
    wrong_shapes = {key: "不是解析结果" for key in entries}
    return [
        b"",
        b"\x00\x01",
        good[: len(good) // 2],
        good[:100] + bytes([good[100] ^ 0xFF]) + good[101:],
        b"{not a pickle" * 10,
        plant([1, 2, 3]),
        plant({"signature": signature, "entries": [1]}),
        plant({"signature": signature, "entries": wrong_shapes}),
        plant({"signature": signature, "entries": {key: Planted() for key in entries}}),
    ]


def test_a_damaged_cache_is_parsed_afresh_not_trusted(mini: Project, capsys) -> None:
    wrong_answer(mini)
    expected = check(mini, capsys)
    for damaged in damages(mini):
        cache_file(mini).write_bytes(damaged)
        assert check(mini, capsys) == expected
        assert cache_module.unsealed(cache_file(mini).read_bytes())["signature"]  # made anew
    assert not Planted.made


def test_a_cache_that_cannot_be_written_fails_nothing(mini: Project, capsys) -> None:
    expected = check(mini, capsys)
    shutil.rmtree(mini.root / "build")
    (mini.root / "build").write_text("不是文件夹", encoding="utf-8")  # refused even to root
    assert check(mini, capsys) == expected


def sources_of(root: Path) -> list[tuple[Path, str]]:
    """Every YAML text of a curriculum: the YAML files and the modules' front matter."""
    texts = []
    for path in sorted(root.rglob("*")):
        if path.suffix == ".yaml":
            texts.append((path, path.read_text(encoding="utf-8")))
        elif path.suffix == ".md" and path.read_text(encoding="utf-8").startswith("---\n"):
            texts.append((path, path.read_text(encoding="utf-8").split("---\n")[1]))
    return texts


def test_every_shipped_text_is_read_back_from_the_cache_as_parsed(shipped: Project) -> None:
    """Data, types (dates stay dates) and marks the same from the cache as from the parser."""
    texts = sources_of(shipped.curriculum) + sources_of(shipped.quizzes)
    parsed: list[tuple[str, dict]] = []
    for _reading in ("cold", "warm"):
        with parse_cache(shipped.cache):
            for path, text in texts:
                locator = Locator(path.name)
                data, problem = parse_yaml(text, locator)
                assert problem is None, problem
                parsed.append((repr(data), locator.marks))
    half = len(texts)
    assert parsed[:half] == parsed[half:]
    assert any("datetime.date(" in data for data, _ in parsed)
