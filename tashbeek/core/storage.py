"""Static file storages that work out each file's URL once per process.

`{% static %}` asks the storage for a URL on every use: a page prints six or more, and each
costs a URL join (and, with the manifest, a hashed-name lookup). The answer only changes when
the files are collected again, which means a new deployment and new processes.
"""

from django.contrib.staticfiles.storage import StaticFilesStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


class RememberedURLs:
    """Keeps each static URL once worked out."""

    def url(self, name, *args, **kwargs):
        if args or kwargs:  # the manifest's `force`: not the ordinary lookup
            return super().url(name, *args, **kwargs)
        urls = self.__dict__.setdefault("_remembered_urls", {})
        url = urls.get(name)
        if url is None:
            url = urls[name] = super().url(name)
        return url


class StaticStorage(RememberedURLs, StaticFilesStorage):
    """Development and tests: files as found, URLs remembered."""


class ManifestStaticStorage(RememberedURLs, CompressedManifestStaticFilesStorage):
    """Production: hashed, compressed files (WhiteNoise), URLs remembered."""
