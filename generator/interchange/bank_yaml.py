"""Write a bank as the handbook's banks are written by hand, and add questions to one.

House style: two-space indents with list items indented under their key, one field per line,
lists of plain values in brackets (``answer: [a, c]``), text over several lines as a ``|`` block.
New questions are appended to the end of an existing file's text, so its comments and layout
stay exactly as the author left them.
"""

from __future__ import annotations

from typing import Any

import yaml

FIELD_ORDER = ("id", "type", "procedure", "stem", "options", "answer", "explanation", "topic", "difficulty", "tags")
BANK_ORDER = ("id", "module", "title", "mode", "questions")
NO_FOLDING = 1 << 16
"""Line width for the emitter: long Chinese sentences stay on one line."""


class HouseDumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # PyYAML puts a list flush with its key; the banks indent it by two spaces.
        super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _list(dumper: yaml.SafeDumper, value: list) -> yaml.SequenceNode:
    flat = all(isinstance(item, str | int | bool) and "\n" not in str(item) for item in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flat)


HouseDumper.add_representer(str, _text)
HouseDumper.add_representer(list, _list)


def ordered(question: dict[str, Any]) -> dict[str, Any]:
    """A question's fields in house order, leaving out empty optional ones."""
    present = {k: v for k, v in question.items() if v is not None and v != []}
    if "options" in present:  # an option's step is written only where the author gave one
        present["options"] = [{k: v for k, v in o.items() if v is not None} for o in present["options"]]
    return {key: present[key] for key in FIELD_ORDER if key in present}


def _dump(data: dict) -> str:
    return yaml.dump(data, Dumper=HouseDumper, allow_unicode=True, sort_keys=False, width=NO_FOLDING)


def dump_bank(bank: dict[str, Any]) -> str:
    """A whole bank file in house style."""
    head = {key: bank[key] for key in BANK_ORDER if key in bank}
    head["questions"] = [ordered(q) for q in bank["questions"]]
    return _dump(head)


def _question_items(questions: list[dict], indent: int) -> str:
    lines = _dump({"questions": [ordered(q) for q in questions]}).splitlines()[1:]
    return "".join(" " * indent + line[2:] + "\n" for line in lines)


def _dash_column(text: str) -> int | None:
    """The column of the questions' ``-`` when ``questions`` is the file's last key, in block style."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.MappingNode) or not root.value:
        return None
    key, value = root.value[-1]
    if key.value != "questions" or not isinstance(value, yaml.SequenceNode) or value.flow_style:
        return None
    if not value.value:
        return None
    return value.start_mark.column


def append_questions(text: str, questions: list[dict]) -> str | None:
    """The file's text with ``questions`` added at its end, or None when that cannot be done
    without touching what is there (then the whole file has to be rewritten)."""
    column = _dash_column(text)
    if column is None:
        return None
    added = (text if text.endswith("\n") else text + "\n") + _question_items(questions, column)
    try:
        before, after = yaml.safe_load(text), yaml.safe_load(added)
    except yaml.YAMLError:
        return None
    # The last question might end in a block that swallows what follows: then do not append.
    if after.get("questions") != before["questions"] + [ordered(q) for q in questions]:
        return None
    return added
