"""The ``handbook`` command: a thin layer over the library functions."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from . import build
from .errors import CheckFailed, HandbookError
from .project import Project


def _project(args: argparse.Namespace) -> Project:
    return Project.locate(args.root)


def cmd_check(args: argparse.Namespace) -> int:
    found = build.check(_project(args))
    questions = sum(len(b.bank.questions) for b in found.banks)
    print(f"检查通过：{len(found.modules)} 个模块，{len(found.banks)} 个题库，{questions} 道题。")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    project = _project(args)
    started = time.perf_counter()
    build.build(project, offline=args.offline, strict=args.strict)
    print(f"完成：网站已生成在 {project.site}（用时 {time.perf_counter() - started:.1f} 秒）")
    if args.offline:
        print(f"离线版：直接用浏览器打开 {project.site / 'index.html'} 即可。")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import serve  # mkdocs' live-reload server is only needed here

    serve(_project(args), address=args.address)
    return 0


COMMANDS: dict[str, tuple[Callable[[argparse.Namespace], int], str, str]] = {
    "check": (cmd_check, "检查全部内容，列出每一处错误", "handbook check"),
    "build": (cmd_build, "检查内容、生成页面并构建网站到 site/", "handbook build --offline"),
    "serve": (cmd_serve, "在本机预览手册，修改内容后自动刷新", "handbook serve --address 127.0.0.1:8000"),
}

OPTIONS: dict[str, list[tuple[tuple[str, ...], dict]]] = {
    "build": [
        (("--offline",), {"action": "store_true", "help": "生成可直接从磁盘打开的离线版（无需网络和服务器）"}),
        (("--strict",), {"action": "store_true", "help": "把 MkDocs 的警告（如失效链接）也当作错误"}),
    ],
    "serve": [
        (("--address",), {"default": "127.0.0.1:8000", "help": "预览地址，默认 127.0.0.1:8000"}),
    ],
}


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="handbook",
        description="物业管理处客服人员培训手册：检查内容、生成网站。",
        epilog="示例：handbook build",
    )
    top.add_argument("--root", type=Path, help="手册项目所在文件夹（默认：当前文件夹或随软件附带的手册）")
    sub = top.add_subparsers(dest="command", required=True, metavar="命令")
    for name, (func, summary, example) in COMMANDS.items():
        command = sub.add_parser(name, help=summary, description=summary, epilog=f"示例：{example}")
        for flags, options in OPTIONS.get(name, []):
            command.add_argument(*flags, **options)
        command.set_defaults(func=func)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except CheckFailed as failure:
        for problem in failure.problems:
            print(problem, file=sys.stderr)
        print(failure.summary(), file=sys.stderr)
        return 1
    except HandbookError as error:
        print(f"错误：{error}", file=sys.stderr)
        return 1
