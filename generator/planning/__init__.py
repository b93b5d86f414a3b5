"""Training plans: sessions, induction, staffing, focus, and the plan's form and calendar."""
