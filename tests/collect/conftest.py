from __future__ import annotations

from pathlib import Path

import pytest

from generator.core.project import Project

from collect_support import Results, built_exam_project


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The grader's test curriculum with its site built once for all the collector's tests."""
    return built_exam_project(tmp_path_factory.mktemp("collect") / "project")


@pytest.fixture
def project(built: Project) -> Project:
    """The built project, shared: the collector only reads it (a test that changes it copies it)."""
    return built


@pytest.fixture
def results(project: Project, tmp_path: Path) -> Results:
    return Results(project, tmp_path / "made")
