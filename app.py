"""Routix: composition root. Settings → services → pages → ui.run."""

from nicegui import app, run, ui

import pages
from routix.core.config import load_settings
from routix.core.logs import configure_logging
from routix.core.services import build_services


def main() -> None:
    """Build everything once and start the server."""
    settings = load_settings()
    configure_logging(settings)
    services = build_services(settings)
    app.on_startup(services.startup)
    app.on_shutdown(services.shutdown)
    pages.register(services)
    run.process_pool_start_method = 'spawn'
    ui.run(
        host=settings.host,
        port=settings.port,
        title='Routix',
        favicon='assets/favicon.svg',
        reload=False,
        storage_secret=settings.session_secret(),
        # per-message deflate keeps ~300 KiB of zlib state per websocket; updates are small JSON: memory wins
        ws_per_message_deflate=False,
        show=False,
        tailwind=not pages.shell.compiled_tailwind(),  # compiled at setup (scripts/build_css.sh) when npm was there
        server_header=False,  # no 'server: uvicorn' banner
        **settings.uvicorn_proxy_options(),
        session_middleware_kwargs={
            'same_site': 'lax',
            'https_only': settings.env == 'production',
            'max_age': 14 * 24 * 3600,
        },
    )


if __name__ in {'__main__', '__mp_main__'}:
    main()
