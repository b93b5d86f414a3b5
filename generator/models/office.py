"""The office's own facts (curriculum/office.yaml): filled once by each office, used by modules."""

from __future__ import annotations

from .base import Id, Strict, Text


class Fact(Strict):
    id: Id
    """Name of the fact within its group; modules write ``{{ office.group.id }}``."""
    label: Text
    """What to fill in, in Chinese; shown in the list of facts still to fill and on the site."""
    safety: bool = False
    """True where staff need the fact in an emergency: ``handbook check --strict`` refuses it unfilled."""
    value: str | None = None
    """The office's answer; empty until the office fills it."""

    @property
    def filled(self) -> bool:
        return bool(self.value and self.value.strip())


class OfficeFile(Strict):
    """The facts, in four groups."""

    office: list[Fact] = []
    """The company, the project (estate) and the management office."""
    phones: list[Fact] = []
    """Duty and emergency telephone numbers."""
    places: list[Fact] = []
    """Where things are and when people are on duty."""
    service: list[Fact] = []
    """The office's own service rules and documents."""

    def groups(self) -> dict[str, list[Fact]]:
        return {"office": self.office, "phones": self.phones, "places": self.places, "service": self.service}
