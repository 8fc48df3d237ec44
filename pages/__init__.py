"""The pages: each module's ``register(services)`` adds its routes; the auth middleware goes in first."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from . import account, auth_routes, login, media, middleware, shell, uploads

if TYPE_CHECKING:
    from routix.core.services import Services

# ---- studio pages (chat '/', templates '/templates', history '/history'): registered when their module exists ----
STUDIO_PAGES = ('chat', 'templates', 'history', 'feed')


def register(services: Services) -> None:
    """Add every route of the app (pages, auth routes, media) and the auth middleware."""
    middleware.register(services)
    importlib.import_module(f'{__name__}.health').register(services)  # /healthz, /readyz, /metrics: outside the gate
    shell.register(services)
    auth_routes.register(services)
    login.register(services)
    account.register(services)
    media.register(services)
    uploads.register(services)
    importlib.import_module(f'{__name__}.video_upload').register(services)  # POST /upload/video (streamed)
    importlib.import_module(f'{__name__}.exports').register(services)  # GET /export/variants/{id}.zip
    importlib.import_module(f'{__name__}.recovery').register(services)  # /forgot, /reset, /verify, my data
    importlib.import_module(f'{__name__}.admin').register(services)  # /admin: admins only, 404 for the rest
    importlib.import_module(f'{__name__}.billing').register(services)  # /billing, POST /billing/webhook (Stripe)
    for name in STUDIO_PAGES:
        try:
            module = importlib.import_module(f'{__name__}.{name}')
        except ModuleNotFoundError as e:
            if e.name != f'{__name__}.{name}':
                raise  # the page module exists but one of its imports is missing: say so
            continue
        module.register(services)
