from __future__ import annotations

from pathlib import Path

import pytest
from grading_support import Results, exam_project

from generator.core.project import Project


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """The mini curriculum with two exam banks: one for the induction, one for regular training."""
    return exam_project(tmp_path)


@pytest.fixture
def results(project: Project, tmp_path: Path) -> Results:
    """Writes hand-made result files into tmp_path/results."""
    return Results(project, tmp_path / "results")
