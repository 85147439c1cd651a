from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo network (`manage.py load_demo`): the one place that knows every app, so it
    sits above them all; each app keeps its own demo data in its `demo.py`."""

    name = "tashbeek.demo"
    label = "demo"
    verbose_name = "Demo"
