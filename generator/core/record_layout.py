"""The layout of the training record form （培训记录表）, shared by its three uses.

The blank form (a printable page of the site and an ``.xlsx`` from ``handbook forms``), the
grader's filled form per session, and the reader that takes a filled form back as a training
record. The head holds label–value pairs; below it a table with one row per trainee; below the
table the signature lines. A label that ends with a colon, as the signature lines do, ends the table.
"""

from __future__ import annotations

FORM_TITLE = "培训记录表"

HEAD_FIELDS: dict[str, str] = {
    "session_id": "场次编号",
    "date": "日期",
    "kind": "类型",
    "programme": "培训类别",
    "topics": "课题",
    "hours": "课时",
    "instructor": "讲师工号",
    "instructor_name": "讲师姓名",
    "supervisor_on_site": "主管在场",
    "venue": "地点",
    "notes": "备注",
}
"""Head fields of the form and their printed labels."""

COLUMNS: dict[str, str] = {
    "id": "工号",
    "name": "姓名",
    "attendance": "出勤",
    "discipline": "课堂纪律",
    "form": "考核表填写",
}
"""Columns of the trainee table and their printed headers."""

ATTENDANCE_WORDS = {"present": "出席", "excused": "请假", "absent": "缺席"}
KIND_WORDS = {"training": "培训", "assessment": "考核"}
YES, NO = "是", "否"
SIGNATURES = ("讲师签字：", "主管签字：", "日期：")
BLANK_ROWS = 28  # as many as fit on one A4 page under the head
HINTS = {
    "attendance": "出席、请假或缺席（无故缺席）",
    "discipline": "违反课堂纪律时写明情况，否则留空",
    "form": "培训效果考核表未认真填写时写明情况，否则留空",
}
