"""The grader: result files, roster and training records in; grades, reports and forms out.

``grade`` is the library entry point (the CLI's ``handbook grade`` and the tests call it);
``write_reports`` writes its outputs; ``audit`` checks a year's records against the policy.
"""

from .pipeline import Graded, grade, run_grading
from .report import write_reports

__all__ = ["Graded", "grade", "run_grading", "write_reports"]
