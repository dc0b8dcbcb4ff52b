"""Dates in French: "4 déc. 2026" (abbreviated month, as French typography writes it).

Django looks here first (``FORMAT_MODULE_PATH``), then in its own ``fr`` formats for
anything not set.
"""

DATE_FORMAT = "j N Y"
DATETIME_FORMAT = "j N Y, H:i"
TIME_FORMAT = "H:i"
SHORT_DATE_FORMAT = "j N Y"
SHORT_DATETIME_FORMAT = "j N Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
FIRST_DAY_OF_WEEK = 1  # lundi
# ISO first: date fields render their value in it, as <input type="date"> requires.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d.%m.%Y"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"]
# Counts grouped by threes with a narrow no-break space ("1 234"), as French typography writes them;
# Django's own fr formats use a full-width no-break space.
THOUSAND_SEPARATOR = "\u202f"
NUMBER_GROUPING = 3
