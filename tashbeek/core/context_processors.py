from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language_info

# The header's links, reversed once per process (and script prefix) rather than on every page:
# thirteen reverse() calls were a tenth of a directory page's time.
NAV = {
    "home": "home",
    "members": "members:directory",
    "members_map": "members:map_data",
    "api": "api-docs",
    "audit": "audit_log",
    "outbox": "outbox",
    "communities": "communities:list",
    "events": "events:list",
    "governance": "governance:index",
    "cooperation": "cooperation:agreements",
    "projects": "cooperation:projects",
    "experiences": "experiences:list",
    "library": "library:list",
    "needs": "needs:list",
    "search": "search:search",
    "join": "members:join",
    "queue": "members:queue",
    "dues": "members:dues",
    "notifications": "notifications:inbox",
    "profile": "accounts:profile",
    "logout": "accounts:logout",
    "login": "accounts:login",
    "signup": "accounts:signup",
    "set_language": "set_language",
}


def nav_urls() -> dict[str, str]:
    """The site's main links (NAV), for the current script prefix."""
    return _nav(get_script_prefix())


@lru_cache(maxsize=8)
def _nav(prefix: str) -> dict[str, str]:
    return {key: reverse(name) for key, name in NAV.items()}


@lru_cache(maxsize=1)
def _languages() -> list[dict]:
    """The language switcher's choices, each named in its own language."""
    return [
        {"code": code, "name_local": get_language_info(code)["name_local"]}
        for code, _name in settings.LANGUAGES
    ]


def site(request):
    return {
        "MAP_TILE_URL": settings.MAP_TILE_URL,
        "MAP_TILE_ATTRIBUTION": settings.MAP_TILE_ATTRIBUTION,
        "nav": nav_urls(),
        "language_choices": _languages(),
    }
