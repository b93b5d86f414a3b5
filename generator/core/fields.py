"""Dotted paths into the policy and the office's facts, as other files name their values."""

from __future__ import annotations


def resolve_field(policy: object, dotted: str) -> object | None:
    """Follow a dotted path through the policy or the office's facts; list items are picked by their id."""
    value: object = policy
    for part in dotted.split("."):
        if isinstance(value, list):
            value = next((item for item in value if getattr(item, "id", None) == part), None)
        else:
            value = getattr(value, part, None)
        if value is None:
            return None
    return value
