"""``handbook collect``: results handed in straight to the supervisor's PC during an exam.

The collector serves the built handbook on the office network and takes results at
``POST /api/results``. Each one is judged exactly as ``handbook grade`` would judge it (through
``grading.results``), kept durably in SQLite and as a result file under the supervisor's folder
before the trainee gets a receipt, and listed live on a page that only the supervisor's own PC
can open.

Modules: ``pin`` (the run's 考场口令 and the limits per address), ``intake`` (judging a hand-in),
``store`` (SQLite and the result files), ``site_files`` (the handbook's pages, safely),
``qr`` and ``addresses`` (what trainees open), ``server`` (the HTTP routes), ``command`` (the
command itself) and ``links`` (feedback-form links and their QR codes). Nothing in ``core`` or
``grading`` imports this package.
"""
