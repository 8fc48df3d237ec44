"""The nginx configuration in front of several web processes: sticky per browser, websockets upgraded.

NiceGUI keeps a page's state in the process that built it, and the page's websocket must reach that same
process. The upstream hashes ``$remote_addr$http_user_agent`` (``consistent``): stable from a browser's very first
request, before any cookie exists, so the page and its websocket land together; when a web process goes away only
its share of browsers moves. A ``routix_node=N`` cookie pins a browser to the N-th web process (for an operator
looking at one process, and for the cluster test that holds tabs on two processes). ``X-Routix-Upstream`` in every
answer names the process that served it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def nginx_conf(*, prefix: Path, listen: str, backends: list[str], max_body_bytes: int) -> str:
    """The whole nginx.conf: ``listen`` is ``host:port``, ``backends`` the web processes' ``host:port``."""
    servers = '\n'.join(f'        server {backend};' for backend in backends)
    pinned_upstreams = '\n'.join(
        f'    upstream routix_web_{n} {{ server {backend}; }}' for n, backend in enumerate(backends, 1)
    )
    pins = '\n'.join(f'        {n} routix_web_{n};' for n in range(1, len(backends) + 1))
    temp = prefix / 'tmp'
    user = 'user root;' if os.geteuid() == 0 else ''  # as root nginx would switch to nobody, who cannot write temp
    body_mb = max(1, max_body_bytes // (1024 * 1024) + 2)
    return f"""# written by routix/cluster/nginx.py
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
{user}
events {{ worker_connections 2048; }}

http {{
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    client_max_body_size {body_mb}m;
    server_tokens off;

    map $http_upgrade $connection_upgrade {{
        default upgrade;
        '' '';
    }}

    upstream routix_web {{
        hash $remote_addr$http_user_agent consistent;
{servers}
        keepalive 16;
    }}
{pinned_upstreams}

    map $cookie_routix_node $routix_upstream {{
        default routix_web;
{pins}
    }}

    server {{
        listen {listen};
        location / {{
            proxy_pass http://$routix_upstream;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_read_timeout 1h;
            proxy_send_timeout 1h;
            proxy_buffering off;
            add_header X-Routix-Upstream $upstream_addr always;
        }}
    }}
}}
"""


def nginx_binary() -> str:
    """Debian's nginx, or the one on the PATH; FileNotFoundError when there is none."""
    for candidate in ('/usr/sbin/nginx', '/usr/bin/nginx'):
        if Path(candidate).exists():
            return candidate
    found = shutil.which('nginx')
    if found:
        return found
    raise FileNotFoundError('nginx is not installed (Debian: apt-get install nginx-light)')


def available() -> bool:
    """Whether this machine has nginx (the local cluster's proxy)."""
    try:
        nginx_binary()
    except FileNotFoundError:
        return False
    return True
