"""schema.org data for an organisation's public profile."""

from tashbeek.core.seo import compact

from .models import Organisation

GOVERNMENT_KINDS = {*Organisation.LOCAL_AUTHORITY_KINDS, Organisation.Kind.GOVERNMENT}


def organisation_ld(organisation: Organisation, *, url: str) -> dict:
    public_kind = organisation.kind in GOVERNMENT_KINDS
    names = organisation.names or {}
    return compact(
        {
            "@context": "https://schema.org",
            "@type": "GovernmentOrganization" if public_kind else "Organization",
            "name": str(organisation.name),
            "alternateName": sorted({n for n in names.values() if n and n != organisation.name}),
            "url": url,
            "sameAs": organisation.website or None,
            "description": str(organisation.description) or None,
            "email": organisation.email or None,
            "address": {"@type": "PostalAddress", "addressCountry": organisation.country.code},
            "geo": {
                "@type": "GeoCoordinates",
                "latitude": float(organisation.latitude),
                "longitude": float(organisation.longitude),
            }
            if organisation.latitude is not None and organisation.longitude is not None
            else None,
        }
    )
