"""``handbook collect``: run the exam room's collector until the supervisor stops it (Ctrl+C).

It checks the curriculum, builds the site when its quiz pages are missing or older than the
question banks (a page of an older bank would only collect results the grader refuses), opens
or continues the run in ``--out``, and prints what the trainees open, the 口令 and a QR code.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import uvicorn

from ..core.errors import HandbookError
from ..core.handbook import load_checked
from ..core.project import Project
from ..core.published import FEEDBACK_FORM_ID
from ..core.roster import load_roster
from ..grading.catalog import Catalog, build_catalog
from ..site.assets import RUNTIME_BUNDLE, static_assets
from . import qr
from .addresses import EVERYWHERE, LOCAL_ONLY, lan_addresses
from .intake import Intake
from .pin import Limits
from .server import RUN_LOG, Collector, create_app, listening_socket, protocol
from .store import PRIVATE_FILE, Store

START_PAGE = "quizzes/"
"""Where trainees start: the list of exams and the feedback form."""
LOG_FILE = "collect.log"
log = logging.getLogger(__name__)
CONCURRENT_CONNECTIONS = 512
"""Connections at once; past this a new one is answered 503 at once instead of waiting."""
KEEP_ALIVE_SECONDS = 15


@dataclass(frozen=True)
class Request:
    """What the supervisor asked for on the command line."""

    out: Path
    roster: Path | None
    port: int
    lan: bool = False
    limits: Limits = field(default_factory=Limits)


def quiz_page(project: Project, quiz_id: str) -> Path:
    return project.site / "quizzes" / quiz_id / "index.html"


QUIZ_RUNTIME = f"assets/{RUNTIME_BUNDLE}"
"""The quiz pages' script: a site built with an older one would not hand results to the collector."""


def stale_pages(project: Project, catalog: Catalog) -> list[str]:
    """Quizzes whose page in ``site/`` is missing or shows another version than the bank's, and
    the quiz pages' script if it is not the one the templates hold."""
    versions = {bank_id: exam.version for bank_id, exam in catalog.exams.items()}
    versions[FEEDBACK_FORM_ID] = catalog.feedback_version
    built = project.site / QUIZ_RUNTIME
    stale = (
        []
        if built.is_file() and built.read_bytes() == static_assets(project.templates / "assets")[QUIZ_RUNTIME]
        else [QUIZ_RUNTIME]
    )
    for quiz_id, version in versions.items():
        page = quiz_page(project, quiz_id)
        if not page.is_file() or version.encode() not in page.read_bytes():
            stale.append(quiz_id)
    return stale


def ensure_site(project: Project, catalog: Catalog) -> None:
    """Build the site first if any quiz page is missing or out of date."""
    stale = stale_pages(project, catalog)
    if not stale:
        return
    from ..site.build import build  # MkDocs is loaded only when a build is needed

    log.info(f"网站需要先生成（{len(stale)} 个考核页缺失或已过期）……")
    build(project)


def _open_log(out: Path) -> logging.Logger:
    """The collector's log: each hand-in and each refusal, on screen and in ``out/collect.log``."""
    path = out / LOG_FILE
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE))
    run_log = logging.getLogger(RUN_LOG)
    run_log.setLevel(logging.INFO)
    run_log.propagate = False
    for handler in list(run_log.handlers):
        run_log.removeHandler(handler)
        handler.close()
    to_file = logging.FileHandler(path, encoding="utf-8")
    to_file.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    to_screen = logging.StreamHandler(sys.stdout)
    to_screen.setFormatter(logging.Formatter("%(asctime)s %(message)s", datefmt="%H:%M:%S"))
    run_log.addHandler(to_file)
    run_log.addHandler(to_screen)
    return run_log


def _bind(host: str, port: int) -> socket.socket:
    try:
        return listening_socket(host, port)
    except OSError as error:
        raise HandbookError(f"无法在端口 {port} 上收卷（{error.strerror or error}）：请用 --port 换一个端口") from None


def trainee_addresses(lan: bool, port: int) -> list[str]:
    hosts = lan_addresses() if lan else [LOCAL_ONLY]
    return [f"http://{host}:{port}/{START_PAGE}" for host in hosts]


def banner(collector: Collector, lan: bool) -> list[str]:
    """What the supervisor reads on starting: where trainees go, the 口令, the QR code, the pages."""
    store, port = collector.store, collector.port
    count = store.count()
    lines = [f"继续本场收卷（{store.started_at} 开始，已收 {count} 份）。" if count else "考场收卷已开始。"]
    if store.repaired:
        lines.append(f"上次意外中断：已从数据库补写 {len(store.repaired)} 个结果文件。")
    if lan and not collector.addresses:
        lines.append("未找到本机在办公室网络中的地址：请确认电脑已连上网络，或在命令提示符中运行 ipconfig 查看。")
    for address in collector.addresses:
        lines.append(f"学员用手机打开：{address}")
    if not lan:
        lines.append("（只有本机能打开；加上 --lan 让办公室网络中的手机也能打开。）")
    lines.append(f"考场口令：{store.pin}")
    if collector.addresses:
        lines.append(qr.terminal_text(collector.addresses[0]))
    lines += [
        f"投影页（二维码和口令，只能在本机打开）：http://{LOCAL_ONLY}:{port}/supervisor/projector",
        f"监考页（谁已交卷，只能在本机打开）：http://{LOCAL_ONLY}:{port}/supervisor/",
        f"结果文件：{store.results}（评分：handbook grade {store.results} --roster 花名册 --out 评分结果/）",
        "按 Ctrl+C 结束收卷；用同一个 --out 再次运行即继续本场。",
    ]
    return lines


def prepare(project: Project, request: Request) -> Collector:
    """Everything but the serving: checked curriculum, roster, site, store, log and socket."""
    project.refuse_public(request.out, "员工姓名和答案")
    found = load_checked(project)
    roster = load_roster(request.roster, found.roles, project.label(request.roster)) if request.roster else None
    catalog = build_catalog(found)
    ensure_site(project, catalog)
    sock = _bind(EVERYWHERE if request.lan else LOCAL_ONLY, request.port)
    port = sock.getsockname()[1]
    return Collector(
        store=Store(request.out),
        intake=Intake(catalog, roster),
        site=project.site,
        socket=sock,
        addresses=trainee_addresses(request.lan, port),
        limits=request.limits,
        log=_open_log(request.out),
    )


def server(collector: Collector) -> uvicorn.Server:
    config = uvicorn.Config(
        create_app(collector),
        http=protocol(collector.limits.head_seconds),
        lifespan="off",
        log_level="warning",
        access_log=False,
        server_header=False,
        limit_concurrency=CONCURRENT_CONNECTIONS,
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
    )
    return uvicorn.Server(config)


def collect(project: Project, request: Request, say: Callable[[str], object] = print) -> int:
    """``handbook collect``: serve until stopped; returns the number of results of the run."""
    collector = prepare(project, request)
    for line in banner(collector, request.lan):
        say(line)
    try:
        server(collector).run(sockets=[collector.socket])
    finally:
        collector.socket.close()
        count = collector.store.count()
        collector.store.close()
    say(f"收卷已结束：本场共收到 {count} 份结果，在 {collector.store.results}。")
    return count
