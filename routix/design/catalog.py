"""The template catalog: loaded once from assets, upserted into the database, matched against analyses."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from routix.analysis.model import Analysis
from routix.core.errors import InvalidRequest
from routix.design.matching import TemplateMatch, match_templates, pinned_match
from routix.design.templates import TemplateSpec, load_templates

if TYPE_CHECKING:
    from routix.core.db import Database


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
            raise InvalidRequest(f'There is no template called “{slug}”.')
        return spec

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
