"""WSGI entry point (gunicorn tashbeek.wsgi)."""

import os

# One BLAS thread per server process: concurrency comes from the workers, and BLAS threads
# spinning for cores the other workers hold made matching about 8× slower under load
# (bench/search_speed.py). Set before numpy is first imported.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

from django.core.wsgi import get_wsgi_application  # noqa: E402 - after the BLAS setting

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tashbeek.settings.dev")
application = get_wsgi_application()
