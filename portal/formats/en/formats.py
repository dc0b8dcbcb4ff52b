"""Dates in English: unambiguous day-month-year with the month as a word ("4 Dec 2026").

Django looks here first (``FORMAT_MODULE_PATH``), then in its own ``en`` formats for
anything not set. Never a numeric day/month order a reader could take the wrong way round.
"""

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
FIRST_DAY_OF_WEEK = 1  # Monday
# The first input format is also the one date fields render their value in: ISO, which is what
# <input type="date"> requires; the browser shows it in the reader's own form.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d %b %Y", "%d %B %Y"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"]
