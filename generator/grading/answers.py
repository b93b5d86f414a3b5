"""The shape of one answer in a result file, checked by hand where the grader first uses it.

The grader validates a file's answers only as objects and looks closer at the few it must
judge: an answer equal to the key as the site writes it needs no check. ``well_formed`` says
what ``results.Answer`` says (the tests hold the two in agreement); a file with an answer of
another shape is validated again against the full schema, which reports it.
"""

from __future__ import annotations

RESPONSE_KINDS = (str, bool, type(None))


class MalformedAnswer(Exception):
    """An answer the full schema would refuse."""


def well_formed(answer: object) -> bool:
    """A JSON object with a non-empty ``question_id`` and a ``response`` of a kind the schema
    allows; other fields may come along. JSON gives exact types, so no subclass is met."""
    if answer.__class__ is not dict or "response" not in answer:
        return False
    question_id, response = answer.get("question_id"), answer["response"]
    if question_id.__class__ is not str or not question_id:
        return False
    if response.__class__ is list:
        return all(item.__class__ is str for item in response)
    return response.__class__ in RESPONSE_KINDS
