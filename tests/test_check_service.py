"""services.checks: a finished thumbnail is judged on the layers its render stored; an upload on its pixels."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from PIL import Image

from routix.check.service import CheckService
from routix.core.config import Settings
from routix.core.db import Database
from routix.core.errors import InvalidUpload, NotFound
from routix.generation.service import GenerationService
from tests.helpers.generation import build_service, finished, premium_creator

pytestmark = pytest.mark.usefixtures('nicegui_runtime')


@pytest.fixture
async def service(db: Database, settings: Settings, tmp_path: Path) -> AsyncIterator[GenerationService]:
    svc = build_service(settings=settings, db=db, images=tmp_path / 'images')
    await svc.catalog.sync(db)
    yield svc
    await svc.shutdown()


def _checks(service: GenerationService, max_upload_bytes: int = 10 * 1024 * 1024) -> CheckService:
    return CheckService(db=service.db, store=service.store, runtime=service.runtime, max_upload_bytes=max_upload_bytes)


async def test_a_finished_thumbnail_is_checked_on_the_layers_its_render_stored(service: GenerationService) -> None:
    owner = await premium_creator(service.db)
    view = await service.start(owner_id=owner, prompt='I tried every budget gaming mouse')
    done = await finished(service, owner, view.id)
    layers = done.match['layers']
    assert any(layer['kind'] == 'headline' and layer['cap_px'] > 0 for layer in layers)

    report = await _checks(service).check_generation(owner, view.id, title=f'{done.headline} (honest review)')
    parts = report.to_dict('en')['parts']
    assert parts['legibility']['value']['source'] == 'layers'
    assert parts['spec']['ok'] and parts['spec']['value']['format'] == 'JPEG'
    assert parts['title_overlap']['ok'] is False  # the headline repeats the title word for word
    assert report.to_dict('fa')['parts']['title_overlap']['message'] != parts['title_overlap']['message']

    stranger = await premium_creator(service.db, email='other@example.com')
    with pytest.raises(NotFound):
        await _checks(service).check_generation(stranger, view.id)


async def test_an_upload_is_checked_on_its_pixels_and_a_too_large_one_is_refused(service: GenerationService) -> None:
    out = io.BytesIO()
    Image.new('RGB', (1280, 720), '#808080').save(out, format='PNG')
    report = await _checks(service).check_upload(1, out.getvalue(), title='Anything')
    assert not report.ok and report.parts['contrast'].code == 'contrast.flat'
    assert report.parts['title_overlap'].code == 'title_overlap.unread'
    with pytest.raises(InvalidUpload):
        await _checks(service, max_upload_bytes=100).check_upload(1, out.getvalue())
