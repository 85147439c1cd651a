"""Static URLs are worked out once per storage (core/storage.py)."""

from django.templatetags.static import static

from tashbeek.core.storage import ManifestStaticStorage, RememberedURLs, StaticStorage


class Counting:
    def __init__(self):
        self.calls = 0

    def url(self, name, force=False):
        self.calls += 1
        return f"/static/{name}?force={force}"


class Remembering(RememberedURLs, Counting):
    pass


def test_each_url_is_worked_out_once():
    storage = Remembering()
    assert (
        storage.url("core/a.css") == storage.url("core/a.css") == "/static/core/a.css?force=False"
    )
    assert storage.calls == 1
    storage.url("core/b.css")
    assert storage.calls == 2


def test_forced_lookups_are_not_remembered():
    storage = Remembering()
    storage.url("core/a.css", force=True)
    storage.url("core/a.css", force=True)
    assert storage.calls == 2


def test_the_static_tag_uses_the_remembering_storage(settings):
    assert settings.STORAGES["staticfiles"]["BACKEND"] == "tashbeek.core.storage.StaticStorage"
    assert static("core/tashbeek.css") == static("core/tashbeek.css") == "/static/core/tashbeek.css"
    assert issubclass(ManifestStaticStorage, RememberedURLs)
    assert issubclass(StaticStorage, RememberedURLs)
