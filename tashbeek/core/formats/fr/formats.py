"""French: Django's own formats, with a comma before the time."""

DATETIME_FORMAT = "j F Y, H:i"
