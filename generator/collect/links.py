"""``handbook links``: a session's feedback-form link, its QR code, and the session's 培训记录表 carrying it.

Trainees fill in the 培训效果考核表 at the end of a session by scanning the code on the printed
record form; the link names the session and the instructor, so they need not type either. The
link points at the collector on the office PC (``handbook collect --lan``), which takes the forms
like exam results; ``--base`` names another address (another port, or a published copy of the site).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from ..core.errors import HandbookError
from ..core.project import Project
from ..core.writer import write_atomic
from ..grading.record_form import Picture, blank_record_form
from . import qr
from .addresses import lan_addresses

FEEDBACK_PAGE = "quizzes/feedback/"
SAFE_IN_NAMES = re.compile(r"[^\w-]+")


@dataclass(frozen=True)
class Request:
    session: str
    instructor: str
    base: str | None = None
    out: Path = Path()


def default_base(port: int) -> str:
    """The collector's address on this PC's office network, where the links will be opened."""
    found = lan_addresses()
    if not found:
        raise HandbookError(
            "找不到本机在办公室网络中的地址；请用 --base 写明学员打开手册的网址，如 http://192.168.1.23:8080/"
        )
    return f"http://{found[0]}:{port}/"


def feedback_link(base: str, session: str, instructor: str) -> str:
    """The feedback form at ``base``, for one session and its instructor."""
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise HandbookError(f"--base 应为网址，如 http://192.168.1.23:8080/，实际为：{base}")
    return f"{base.rstrip('/')}/{FEEDBACK_PAGE}?{urlencode({'session': session, 'instructor': instructor})}"


def _checked(text: str, option: str) -> str:
    text = text.strip()
    if not text:
        raise HandbookError(f"{option} 不能为空")
    return text


def write_links(project: Project, request: Request, port: int) -> tuple[str, list[Path]]:
    """The link, and the QR code (.png) and the session's record form (.xlsx) written to ``out``."""
    session = _checked(request.session, "--session")
    instructor = _checked(request.instructor, "--instructor")
    project.refuse_public(request.out, "培训场次和讲师工号")
    link = feedback_link(request.base or default_base(port), session, instructor)
    stem = SAFE_IN_NAMES.sub("_", session).strip("_") or "session"
    picture = qr.png(link)
    form = blank_record_form(
        {"session_id": session, "instructor": instructor},
        Picture(picture, "学员扫码填写培训效果考核表", link),
    )
    files = {
        request.out / f"培训效果考核表-{stem}.png": picture,
        request.out / f"培训记录表-{stem}.xlsx": form,
    }
    for path, data in files.items():
        write_atomic(path, data)
    return link, list(files)
