"""One date format per language (``FORMAT_MODULE_PATH``): Polish ``dd.mm.rrrr``, English ISO.

Templates and code show dates with ``SHORT_DATE_FORMAT`` (``|date:"SHORT_DATE_FORMAT"``,
``date_format(value, "SHORT_DATE_FORMAT")``); the plain ``DATE_FORMAT`` is the same, so a date
shown without a filter reads the same. Date inputs keep the ISO value the browser needs
(``ksr.core.widgets.DateInput``).
"""
