"""Training plans （培训计划）, made from the policy, the office's settings and the statutory calendar.

Two words, one meaning each, everywhere in the code:

- a **plan** （计划） is what this package makes: the sessions, assessments and deadlines of a month,
  a year or one new hire's induction (``entries.Plan``), printed as the 培训计划表 and exported as a
  calendar; the site's 培训日程 pages show the year's plan;
- the **schedule settings** （``curriculum/schedule.yaml``, read by ``core.schedule_settings``） are the
  office's own choices that a plan is made with: times of day, venues, which weekday a group meets.

``handbook schedule`` is the command that makes a plan.
"""
