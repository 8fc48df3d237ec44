"""The template catalog: loaded once from assets, upserted into the database, matched, filtered and named."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from routix.analysis.model import Analysis
from routix.core.errors import InvalidRequest
from routix.design.matching import TemplateMatch, match_templates, pinned_match
from routix.design.templates import TemplateSpec, load_templates

if TYPE_CHECKING:
    from routix.core.db import Database


@dataclass(kw_only=True, slots=True)
class TemplateFilter:
    """What the template browser filters by; empty means any."""

    category: str = ''
    style: str = ''
    mood: str = ''
    search: str = ''

    def accepts(self, spec: TemplateSpec) -> bool:
        """True when ``spec`` passes every filter (search: name, Persian name, slug, tags; case-insensitive)."""
        if (
            (self.category and spec.category != self.category)
            or (self.style and spec.style != self.style)
            or (self.mood and spec.mood != self.mood)
        ):
            return False
        needle = self.search.strip().casefold()
        if not needle:
            return True
        haystack = ' '.join([spec.name, spec.name_fa, spec.slug, *spec.tags]).casefold()
        return all(word in haystack for word in needle.split())


def display_name(spec: TemplateSpec, lang: str) -> str:
    """The name a creator reads: the Persian one for 'fa', the English one otherwise."""
    return spec.name_fa if lang == 'fa' else spec.name


class TemplateCatalog:
    """All templates by slug, in memory (they are small and read on every request)."""

    def __init__(self, specs: list[TemplateSpec]) -> None:
        self.specs = specs
        self.by_slug = {spec.slug: spec for spec in specs}

    @classmethod
    def load(cls, directory: Path | None = None) -> TemplateCatalog:
        """Load and validate the shipped templates."""
        return cls(load_templates(directory))

    def get(self, slug: str) -> TemplateSpec:
        """One template; InvalidRequest when unknown."""
        spec = self.by_slug.get(slug)
        if spec is None:
            raise InvalidRequest('template.unknown', slug=slug)
        return spec

    def filter(self, flt: TemplateFilter) -> list[TemplateSpec]:
        """The templates ``flt`` accepts, in catalog order (filtered in memory: the catalog is small)."""
        return [spec for spec in self.specs if flt.accepts(spec)]

    def display_names(self, lang: str) -> dict[str, str]:
        """Every template's display name by slug."""
        return {spec.slug: display_name(spec, lang) for spec in self.specs}

    def match(self, analysis: Analysis, *, pinned: str | None = None, top_n: int = 3) -> list[TemplateMatch]:
        """The best templates for an analysis; a pinned template always comes first."""
        if pinned:
            first = pinned_match(analysis, self.get(pinned))
            others = [m for m in match_templates(analysis, self.specs, top_n=top_n + 1) if m.slug != pinned]
            return [first, *others[: top_n - 1]]
        return match_templates(analysis, self.specs, top_n=top_n)

    async def sync(self, db: Database) -> None:
        """Upsert every template into the database by slug (the database copy serves queries and joins)."""
        from sqlmodel import select  # the CLI renders without a database: keep its start-up light

        from routix.models import Template, utcnow

        async with db.transaction() as session:
            existing = {t.slug: t for t in (await session.exec(select(Template))).all()}
            for spec in self.specs:
                row = existing.get(spec.slug) or Template(
                    slug=spec.slug, name=spec.name, category=spec.category, style=spec.style, mood=spec.mood
                )
                row.name, row.name_fa = spec.name, spec.name_fa
                row.category, row.style, row.mood = spec.category, spec.style, spec.mood
                row.palette, row.layout, row.tags = list(spec.palette), dict(spec.layout), list(spec.tags)
                row.spec = spec.to_dict()
                row.updated_at = utcnow()
                session.add(row)
