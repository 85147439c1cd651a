"""WSGI entry point (gunicorn tashbeek.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tashbeek.settings.dev")
application = get_wsgi_application()
