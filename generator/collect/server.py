"""The collector's HTTP side: Starlette routes served by Uvicorn.

Routes:

* ``GET /api/hello``: tells a page (or a test) that a collector is there, and its run;
* ``POST /api/results``: a hand-in, with the 口令 in ``X-Handbook-Pin``. 201 with the receipt;
  400 with the grader's reason; 403 wrong 口令; 408 too slow; 409 taken already; 413 too large;
  429 too many requests or wrong 口令 from one address;
* ``GET /api/collect.js``: the page-side script (``pages/collect.js``);
* ``/supervisor/…``: the supervisor's live list and the projector page, for this PC only;
* anything else: a file of the built site (``site_files``).

Every refusal is logged with its address, status and reason, and none stops the server. Results
are never sent back, except on the supervisor's page to this PC itself.
"""

from __future__ import annotations

import asyncio
import collections
import datetime as dt
import html
import ipaddress
import json
import logging
import socket
import string
from dataclasses import dataclass, field
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from uvicorn.protocols.http.h11_impl import H11Protocol

from ..core.office_time import OFFICE_TIME
from ..core.roster import Roster
from ..grading.results import Rejected
from . import qr
from .intake import Intake
from .pin import PIN_HEADER, Limits, Lockout, RateLimit, pin_matches
from .site_files import PathTrick, Redirect, locate, media_type, with_collector
from .store import Kept, Store, Taken, now_text

PAGES = Path(__file__).with_name("pages")
HAND_IN_PATH = "/api/results"
LOOPBACK_NAMES = {"127.0.0.1", "localhost", "::1"}
RUN_LOG = "generator.collect.run"
"""The run's log: every hand-in and refusal, on screen and in the run's folder (see ``command``)."""
NAME_SHOWN = 64
"""Characters of a refused hand-in's name and id shown at most (the schema allows no more)."""
RECENT_REFUSALS = 64
"""Refusals kept for the supervisor's page (the log keeps all)."""
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "Cache-Control": "no-cache"}
PRIVATE_HEADERS = {**SECURITY_HEADERS, "Cache-Control": "no-store", "X-Frame-Options": "DENY"}


@dataclass
class Collector:
    """Everything the routes share: the store, the judge, the site and the limits."""

    store: Store
    intake: Intake
    site: Path
    socket: socket.socket
    """Bound and listening before the server starts, so that its port is known."""
    addresses: list[str]
    """What trainees open: the start page at each of this PC's addresses."""
    limits: Limits = field(default_factory=Limits)
    log: logging.Logger = field(default_factory=lambda: logging.getLogger(RUN_LOG))
    refused: collections.deque = field(default_factory=lambda: collections.deque(maxlen=RECENT_REFUSALS))

    def __post_init__(self) -> None:
        self.requests = RateLimit(self.limits.requests_burst, self.limits.requests_per_second)
        self.handins = RateLimit(self.limits.handins_burst, self.limits.handins_per_second)
        self.wrong_pins = Lockout(self.limits.wrong_pins, self.limits.wrong_pin_seconds)

    @property
    def run(self) -> str:
        return self.store.started_at

    @property
    def port(self) -> int:
        return self.socket.getsockname()[1]

    @property
    def trainee_address(self) -> str:
        """The address of the QR code: the first of ``addresses``, or this PC's own if none was found."""
        return self.addresses[0] if self.addresses else f"http://127.0.0.1:{self.port}/"

    @property
    def roster(self) -> Roster | None:
        return self.intake.roster

    def refuse(
        self, address: str, status: int, reason: str, what: str, *, who: str = "", listed: bool = True, **more: object
    ) -> JSONResponse:
        """A refusal: logged, answered with its reason in Chinese and, when ``listed`` (a hand-in
        that did not go through), kept for the supervisor's page with ``who`` handed it in."""
        self.log.warning("拒绝 %s %s%s：%s（%s）", status, address, f" {who}" if who else "", reason, what)
        if listed:
            entry = {"at": now_text(), "address": address, "who": who, "status": status, "reason": reason}
            self.refused.appendleft(entry)
        return JSONResponse({"reason": reason, **more}, status_code=status, headers=SECURITY_HEADERS)


def _address(request: Request) -> str:
    return request.client.host if request.client else "?"


def _collector(request: Request) -> Collector:
    return request.app.state.collector


async def hello(request: Request) -> Response:
    return JSONResponse({"collector": True, "run": _collector(request).run}, headers=SECURITY_HEADERS)


class TooLarge(Exception):
    pass


async def _body(request: Request, limit: int, seconds: float) -> bytes:
    """The request's body, at most ``limit`` bytes, within ``seconds``; raise TooLarge or TimeoutError."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TooLarge
    chunks, size = [], 0
    async with asyncio.timeout(seconds):
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise TooLarge
            chunks.append(chunk)
    return b"".join(chunks)


async def hand_in(request: Request) -> Response:
    """``POST /api/results``: checked in the order that costs an intruder the most and us the least."""
    collector, address = _collector(request), _address(request)
    wait = collector.wrong_pins.wait(address)
    if wait:
        reason = f"考场口令错误次数过多，请 {int(wait // 60) + 1} 分钟后再试，或请监考人帮助"
        return collector.refuse(address, 429, reason, "口令锁定")
    if not collector.handins.allow(address):
        return collector.refuse(address, 429, "提交过于频繁，请稍后再试", "提交次数")
    if not pin_matches(request.headers.get(PIN_HEADER), collector.store.pin):
        collector.wrong_pins.failed(address)
        return collector.refuse(address, 403, "考场口令不对：请看监考人公布的六位数字口令", "口令")
    try:
        body = await _body(request, collector.intake.limit, collector.limits.body_seconds)
    except TooLarge:
        return collector.refuse(address, 413, str(collector.intake.too_large()), "大小")
    except TimeoutError:
        return collector.refuse(address, 408, "上传太慢，已中断：请靠近无线网络后再交一次", "超时")
    except ClientDisconnect:
        collector.log.warning("中断 %s：上传途中断开", address)
        return Response(status_code=400)
    return await _judge_and_keep(collector, body, address)


async def _judge_and_keep(collector: Collector, body: bytes, address: str) -> Response:
    try:
        hand_in = collector.intake.judge(body, _now())  # a millisecond: not worth a thread
        receipt = await asyncio.wrap_future(collector.store.submit(hand_in, address))
    except Rejected as rejected:
        return collector.refuse(address, 400, str(rejected), "内容", who=_who(body))
    except Taken as taken:
        if taken.same:
            again = f"这份结果已经交过了（回执 {taken.earlier.number} 号），不必再交"
            return collector.refuse(address, 409, again, "重复", who=_who(body), receipt=taken.earlier.as_json())
        return collector.refuse(address, 409, _clash(taken), "已交过", who=_who(body))
    collector.log.info(
        "收到 第 %s 份：%s（%s）%s，来自 %s",
        receipt.number,
        hand_in.trainee_name,
        hand_in.trainee_id,
        collector.intake.titles.get(hand_in.quiz_id, hand_in.quiz_id),
        address,
    )
    return JSONResponse({"receipt": receipt.as_json()}, status_code=201, headers=SECURITY_HEADERS)


def _who(body: bytes) -> str:
    """The trainee a refused hand-in names, as the supervisor's page shows it; empty if none."""
    try:
        trainee = json.loads(body).get("trainee")
        return f"{str(trainee['name'])[:NAME_SHOWN]}（{str(trainee['id'])[:NAME_SHOWN]}）"
    except (ValueError, AttributeError, TypeError, KeyError):
        return ""


def _now() -> dt.datetime:
    return dt.datetime.now(OFFICE_TIME)


def _clash(taken: Taken) -> str:
    """Why another hand-in in place of one already taken is refused, in the grader's terms."""
    number = taken.earlier.number
    if taken.hand_in.mode == "survey":
        return f"你已交过本场次的培训效果考核表（回执 {number} 号），每场只计第一份"
    return f"与回执 {number} 号的提交时间完全相同而答案不同，无法确定考核次序：请找监考人"


async def collect_script(request: Request) -> Response:
    return FileResponse(PAGES / "collect.js", media_type="text/javascript; charset=utf-8", headers=SECURITY_HEADERS)


def from_this_pc(request: Request) -> bool:
    """Sent by this PC to itself by a loopback name: a phone or another PC never is, and a page
    of another site that points a name at this PC (DNS rebinding) does not use a loopback name."""
    try:
        loopback = ipaddress.ip_address(_address(request)).is_loopback
    except ValueError:
        return False
    return loopback and (request.url.hostname or "") in LOOPBACK_NAMES


def _supervisor_only(request: Request) -> Response | None:
    if from_this_pc(request):
        return None
    collector = _collector(request)
    reason = "监考页只能在收卷的这台电脑上打开（http://127.0.0.1:端口/supervisor/）"
    return collector.refuse(_address(request), 403, reason, request.url.path)


async def supervisor_page(request: Request) -> Response:
    return _supervisor_only(request) or FileResponse(
        PAGES / "supervisor.html", media_type="text/html; charset=utf-8", headers=PRIVATE_HEADERS
    )


async def projector_page(request: Request) -> Response:
    refused = _supervisor_only(request)
    if refused:
        return refused
    collector = _collector(request)
    page = string.Template((PAGES / "projector.html").read_text(encoding="utf-8")).substitute(
        address=html.escape(collector.trainee_address), pin=collector.store.pin, qr=qr.svg(collector.trainee_address)
    )
    return Response(page, media_type="text/html; charset=utf-8", headers=PRIVATE_HEADERS)


async def status(request: Request) -> Response:
    refused = _supervisor_only(request)
    if refused:
        return refused
    collector = _collector(request)
    kept = await run_in_threadpool(collector.store.kept)
    return JSONResponse(status_data(collector, kept), headers=PRIVATE_HEADERS)


def status_data(collector: Collector, kept: list[Kept]) -> dict[str, object]:
    """Who has handed in what and when, against the roster when there is one."""
    handed: dict[str, list[dict]] = collections.defaultdict(list)
    names: dict[str, str] = {}
    for item in kept:
        title = collector.intake.titles.get(item.quiz_id, item.quiz_id)
        handed[item.trainee_id].append(
            {"number": item.receipt.number, "code": item.receipt.code, "quiz": title, "at": item.receipt.received_at}
        )
        names.setdefault(item.trainee_id, item.trainee_name)
    roster = collector.roster
    listed = [(m.id, m.name) for m in roster.staff] if roster is not None else []
    known = {staff_id for staff_id, _ in listed}
    listed += [(staff_id, names[staff_id]) for staff_id in handed if staff_id not in known]
    return {
        "pin": collector.store.pin,
        "started_at": collector.store.started_at,
        "address": collector.trainee_address,
        "results": len(kept),
        "people": len(handed),
        "roster": len(roster.staff) if roster is not None else None,
        "rows": [{"id": i, "name": n, "in_roster": i in known, "handed": handed.get(i, [])} for i, n in listed],
        "refused": list(collector.refused),
    }


async def site_file(request: Request) -> Response:
    collector, path = _collector(request), request.scope["path"]  # as decoded, %5C a backslash
    try:
        found = locate(collector.site, path)
    except PathTrick as trick:
        return collector.refuse(_address(request), 400, str(trick), repr(path), listed=False)
    if found is None:
        return collector.refuse(_address(request), 404, "找不到这个页面", repr(path), listed=False)
    if isinstance(found, Redirect):
        return RedirectResponse(found.to, status_code=301, headers=SECURITY_HEADERS)
    kind = media_type(found)
    if kind.startswith("text/html"):
        page = await run_in_threadpool(found.read_bytes)
        return Response(with_collector(page, collector.run), media_type=kind, headers=SECURITY_HEADERS)
    return FileResponse(found, media_type=kind, headers=SECURITY_HEADERS)


async def http_refusal(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    reasons = {404: "找不到这个页面", 405: "不支持这种请求方式"}
    reason = reasons.get(error.status_code, "请求有误")
    return _collector(request).refuse(_address(request), error.status_code, reason, request.url.path, listed=False)


async def server_error(request: Request, error: Exception) -> Response:
    collector = _collector(request)
    collector.log.exception("出错 %s %s", _address(request), request.url.path)
    reason = "收卷程序出错：请用下方按钮下载或复制结果，交给监考人"
    return JSONResponse({"reason": reason}, status_code=500, headers=SECURITY_HEADERS)


class RequestBudget:
    """Every request spends from its address's budget; an empty budget is answered 429 at once."""

    def __init__(self, app, collector: Collector) -> None:
        self.app = app
        self.collector = collector

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            client = scope.get("client")
            address = client[0] if client else "?"
            if not self.collector.requests.allow(address):
                reason, path = "请求过于频繁，请稍后再试", scope.get("path", "")
                refusal = self.collector.refuse(address, 429, reason, path, listed=path == HAND_IN_PATH)
                await refusal(scope, receive, send)
                return
        await self.app(scope, receive, send)


def create_app(collector: Collector) -> RequestBudget:
    routes = [
        Route("/api/hello", hello, methods=["GET"]),
        Route(HAND_IN_PATH, hand_in, methods=["POST"]),
        Route("/api/collect.js", collect_script, methods=["GET"]),
        Route("/supervisor/", supervisor_page, methods=["GET"]),
        Route("/supervisor/status", status, methods=["GET"]),
        Route("/supervisor/projector", projector_page, methods=["GET"]),
        Route("/{path:path}", site_file, methods=["GET", "HEAD"]),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: http_refusal, Exception: server_error})
    app.state.collector = collector
    return RequestBudget(app, collector)


class HeadDeadline(H11Protocol):
    """uvicorn's HTTP/1.1 with a deadline for each request's head.

    uvicorn waits for a request's first line and headers as long as a client likes; a client
    that opens connections and sends nothing, or a byte at a time, would hold them all. Here a
    connection that has not sent a whole head within ``head_seconds`` of opening (or of its last
    response) is closed. A request whose head has arrived is never cut: its body has its own limit.
    """

    head_seconds: float = Limits.head_seconds
    log = logging.getLogger(RUN_LOG)

    _clock: asyncio.TimerHandle | None = None

    def connection_made(self, transport) -> None:
        super().connection_made(transport)
        self._start_clock()

    def on_response_complete(self) -> None:
        self._start_clock()
        super().on_response_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_clock()
        super().connection_lost(exc)

    def _start_clock(self) -> None:
        self._stop_clock()
        self._clock = self.loop.call_later(self.head_seconds, self._too_slow)

    def _stop_clock(self) -> None:
        if self._clock is not None:
            self._clock.cancel()
            self._clock = None

    def _too_slow(self) -> None:
        self._clock = None
        if self.cycle is not None and not self.cycle.response_complete:
            return  # a request under way
        if not self.transport.is_closing():
            address = self.client[0] if self.client else "?"
            self.log.warning("断开 %s：%s 秒内没有发来完整的请求", address, f"{self.head_seconds:g}")
            self.transport.close()


def protocol(head_seconds: float) -> type[H11Protocol]:
    return type("HeadDeadline", (HeadDeadline,), {"head_seconds": head_seconds})


def listening_socket(host: str, port: int) -> socket.socket:
    """The socket to serve on, bound here so that a port in use is told in plain words."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.listen(socket.SOMAXCONN)
    sock.set_inheritable(True)
    return sock
