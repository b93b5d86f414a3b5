"""Print a workbook as an office does: LibreOffice converts it to PDF, and each page's text is
read back with pdftotext. On CI both must be there (.ci/run installs them); elsewhere a test
that needs them is skipped, saying why."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

CONVERT_SECONDS = 240


def require_office() -> None:
    missing = [tool for tool in ("soffice", "pdftotext", "pdfinfo") if shutil.which(tool) is None]
    if missing and os.environ.get("CI"):
        pytest.fail(f"CI lacks {missing}: .ci/run installs libreoffice-calc-nogui and poppler-utils")
    if missing:
        pytest.skip(f"needs {missing} (libreoffice-calc-nogui, poppler-utils)")


def pages(workbook: Path, out: Path) -> list[str]:
    """The text of every printed page of the workbook's sheets, in order."""
    require_office()
    out.mkdir(parents=True, exist_ok=True)
    profile = out / "lo-profile"  # a private profile: parallel runs must not share one
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=CONVERT_SECONDS,
    )
    pdf = out / f"{workbook.stem}.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    count = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    texts = []
    for page in range(1, count + 1):
        args = ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"]
        texts.append(subprocess.run(args, check=True, capture_output=True, text=True).stdout)
    return texts


def expected_pages(workbook: Path) -> int:
    """Pages the workbook's own page breaks promise: one more than its breaks, per sheet that prints."""
    book = openpyxl.load_workbook(workbook)
    return sum(len(sheet.row_breaks.brk) + 1 for sheet in book.worksheets if sheet.sheet_state == "visible")
