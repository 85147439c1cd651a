"""Date and time formats per language, consulted before Django's own (FORMAT_MODULE_PATH).

Every language writes day, month, year in that order and a 24-hour clock, so a date, a time
and a range read the same way on a page, in an e-mail and in an export. Django has no
DATETIME_FORMAT for Arabic (it fell back to "N j, Y, P": English order, 12-hour clock) and
its English formats are American ("12/04/2026" for 4 December).
"""
