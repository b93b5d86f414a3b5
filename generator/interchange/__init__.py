"""Question banks in and out: the Excel template, Moodle's GIFT and Aiken formats.

Every reader turns a file into drafts (questions without ids, each remembering where it stood);
``merge`` gives them stable ids in a bank without repeating what the bank already holds;
``bank_yaml`` writes the bank in the house style; ``importing`` and ``exporting`` are the two
commands. A question a format cannot carry is skipped or refused with a notice, never dropped
silently.
"""
