"""The glossary's readings kept between builds: used when pypinyin is the same, read anew otherwise."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

from generator.site.glossary import KeptReadings, by_initial, reading


def terms(*names: str) -> list:
    return [SimpleNamespace(term=name) for name in names]


def test_kept_readings_are_pypinyins_and_are_used_next_time(tmp_path: Path) -> None:
    path = tmp_path / "readings.json"
    first = KeptReadings(path)
    grouped = by_initial(terms("灭火器", "业主", "AED"), first)
    assert grouped == by_initial(terms("灭火器", "业主", "AED"))  # the same order as read afresh
    first.save()
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["readings"] == {t: reading(t) for t in ("灭火器", "业主", "AED")}
    data["readings"]["灭火器"] = "zzz"  # a kept reading is taken as it is: no reading again
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert [letter for letter, _ in by_initial(terms("灭火器", "业主"), KeptReadings(path))] == ["Y", "Z"]


def test_readings_kept_for_another_pypinyin_are_read_again(tmp_path: Path) -> None:
    path = tmp_path / "readings.json"
    path.write_text(json.dumps({"library": "elsewhere", "readings": {"灭火器": "zzz"}}), encoding="utf-8")
    assert KeptReadings(path)("灭火器") == reading("灭火器")
