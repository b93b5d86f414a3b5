"""QR codes of the addresses trainees open, drawn by segno: for the terminal, a page and a printed form."""

from __future__ import annotations

import io

import segno

ERROR_LEVEL = "m"
"""Medium error correction: still read from a projector's glare or a creased printout."""
PRINT_SCALE = 4


def _code(text: str) -> segno.QRCode:
    return segno.make(text, error=ERROR_LEVEL, micro=False)


def terminal_text(text: str) -> str:
    """The code in block characters, two rows of modules to a line, as a terminal shows it."""
    out = io.StringIO()
    _code(text).terminal(out=out, compact=True)
    return out.getvalue()


def svg(text: str) -> str:
    """The code as an SVG element that scales to the box it is put in, black on white, with its quiet zone."""
    return _code(text).svg_inline(omitsize=True, dark="#000", light="#fff")


def png(text: str, scale: int = PRINT_SCALE) -> bytes:
    out = io.BytesIO()
    _code(text).save(out, kind="png", scale=scale)
    return out.getvalue()
