"""schema.org data for a published experience (an article about a good practice)."""

from tashbeek.core.seo import compact

from .models import Experience


def experience_ld(experience: Experience, *, url: str) -> dict:
    return compact(
        {
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": experience.title[:110],
            "description": experience.summary,
            "inLanguage": experience.language,
            "url": url,
            "datePublished": experience.published_at.isoformat()
            if experience.published_at
            else None,
            "dateModified": experience.updated_at.isoformat(),
            "author": {"@type": "Organization", "name": str(experience.author_name)}
            if experience.author_name
            else None,
            "keywords": [str(t.name) for t in experience.themes.all()],
        }
    )
