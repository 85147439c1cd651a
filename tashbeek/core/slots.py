"""Slots: places in a lower app's page or form that higher apps fill, so the lower app never
imports them and dependencies point one way (docs/ARCHITECTURE.md, "Layers").

The lower app declares a slot (`COMMUNITY_PAGE = Slot("community page")`); a higher app
registers a provider in its own `hooks.py` (discovered at start-up by core), e.g. the library
adds the community's documents to the community page. A provider returns a dict merged
into what the slot collects."""

from collections.abc import Callable


class Slot:
    def __init__(self, name: str):
        self.name = name
        self.providers: list[Callable[..., dict]] = []

    def register(self, provider: Callable[..., dict]) -> Callable[..., dict]:
        if provider not in self.providers:
            self.providers.append(provider)
        return provider

    def collect(self, **kwargs) -> dict:
        """Every provider's contribution for these arguments, merged in registration order."""
        merged: dict = {}
        for provider in self.providers:
            merged.update(provider(**kwargs))
        return merged
