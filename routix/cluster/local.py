"""A whole cluster on one machine, in the foreground: PostgreSQL, an S3 server, web processes, workers and nginx.

``make cluster`` runs ``python -m routix.cluster.local``; the cluster test and ``bench/cluster.py`` use
``LocalCluster`` the same way. State lives under ``ROUTIX_DATA_DIR`` (``pg/``, ``s3/``, ``nginx/``, ``logs/``);
nginx listens on ``ROUTIX_HOST:ROUTIX_PORT``; everything else binds free loopback ports. Ctrl-C stops it all.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from routix.cluster.nginx import nginx_binary, nginx_conf
from routix.cluster.postgres import LocalPostgres, free_port

ROOT = Path(__file__).resolve().parents[2]  # where app.py is
# a test run's variables would make NiceGUI in the children behave as under pytest (another port, no real server)
_TEST_HARNESS_VARIABLES = ('PYTEST_', 'NICEGUI_SCREEN_TEST_PORT', 'NICEGUI_USER_SIMULATION')
# Ctrl-C reaches the supervisor only, which then stops the children in order (the proxy first, PostgreSQL last)
_OWN_GROUP: dict[str, Any] = {'start_new_session': True}
_CLI = 'import sys; from routix.cli import main; sys.exit(main(sys.argv[1:]))'
log = logging.getLogger(__name__)


class LocalCluster:
    """Starts and stops a cluster's processes on this machine; ``restart`` brings dead web/worker processes back."""

    def __init__(
        self,
        *,
        data_dir: Path,
        port: int,
        host: str = '127.0.0.1',
        webs: int = 2,
        workers: int = 2,
        database_url: str | None = None,
        pg_dir: Path | None = None,
        env: dict[str, str] | None = None,
        restart: bool = False,
    ) -> None:
        self.data_dir = data_dir.resolve()
        self.host, self.port = host, port
        self.restart = restart
        self.postgres = LocalPostgres(data_dir=pg_dir or self.data_dir / 'pg', server_url=database_url)
        self.web_ports = [free_port() for _ in range(webs)]
        self.worker_names = [f'worker-{n}' for n in range(1, workers + 1)]
        self.s3_port = free_port()
        self.extra_env = dict(env or {})
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self.logs = self.data_dir / 'logs'

    @property
    def url(self) -> str:
        """The proxy: what a browser opens."""
        return f'http://{self.host}:{self.port}'

    @property
    def database_url(self) -> str:
        return self.postgres.database_url

    def start(self) -> None:
        """Start everything in order and return once the proxy answers; stops what started if anything fails."""
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            self.data_dir.chmod(0o700)
            self.logs.mkdir(exist_ok=True)
            self.postgres.start()
            self._start_s3()
            self._run_once('migrate')
            for n, port in enumerate(self.web_ports, 1):
                self._spawn(f'web-{n}', [sys.executable, 'app.py'], port=port)
            for name in self.worker_names:
                self._spawn(name, [sys.executable, '-c', _CLI, 'worker', '--name', name])
            for n, port in enumerate(self.web_ports, 1):
                self._wait_ready(f'web-{n}', f'http://127.0.0.1:{port}/login')
            self._start_nginx()
            wait_http(f'{self.url}/login', timeout=30)
        except BaseException:
            self.stop()
            raise

    def supervise(self) -> None:
        """Watch the processes until interrupted; a web process or worker that died is started again."""
        while True:
            time.sleep(1)
            for name, process in list(self.processes.items()):
                if process.poll() is not None:
                    log.warning('%s exited with %s', name, process.returncode)
                    if self.restart and name.startswith(('web-', 'worker-')):
                        self._spawn(name, [str(a) for a in process.args], port=self._port_of(name))  # type: ignore[union-attr]

    def add_worker(self) -> str:
        """Start one more ``routix worker``; its name."""
        name = f'worker-{len(self.worker_names) + 1}'
        self.worker_names.append(name)
        self._spawn(name, [sys.executable, '-c', _CLI, 'worker', '--name', name])
        return name

    def kill(self, name: str) -> None:
        """``kill -9`` one process (what the tests and the benchmark do to a worker)."""
        self.processes[name].kill()
        self.processes[name].wait()

    def stop(self) -> None:
        """Stop the proxy, the web processes, the workers, the S3 server, then PostgreSQL."""
        for name in ['nginx', *[n for n in self.processes if n.startswith('web-')], *self.worker_names, 's3']:
            process = self.processes.pop(name, None)
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM if name != 'nginx' else signal.SIGQUIT)
                try:
                    process.wait(timeout=35)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        self.postgres.stop()

    def environment(self, **extra: str) -> dict[str, str]:
        """The settings every Routix process of this cluster shares."""
        inherited = {k: v for k, v in os.environ.items() if not k.startswith(_TEST_HARNESS_VARIABLES)}
        env = {
            **inherited,
            'ROUTIX_DATA_DIR': str(self.data_dir),
            'DATABASE_URL': self.postgres.database_url,
            'ROUTIX_QUEUE': 'procrastinate',
            'ROUTIX_EVENTS': 'postgres',
            'ROUTIX_STORAGE': 's3',
            'S3_ENDPOINT_URL': f'http://127.0.0.1:{self.s3_port}',
            'S3_BUCKET': 'routix',
            'S3_ACCESS_KEY_ID': 'local',
            'S3_SECRET_ACCESS_KEY': 'local-cluster',
            'ROUTIX_FORWARDED_ALLOW_IPS': '127.0.0.1',
            'PYTHONUNBUFFERED': '1',
            **self.extra_env,
            **extra,
        }
        env.setdefault('ROUTIX_SECRET_KEY', self._shared_secret())
        return env

    # ---- pieces --------------------------------------------------------------------------------------------------

    def _spawn(self, name: str, argv: list[str], *, port: int | None = None) -> None:
        extra = {'ROUTIX_HOST': '127.0.0.1', 'ROUTIX_PORT': str(port)} if port else {}
        if name.startswith('web-'):
            extra['NICEGUI_STORAGE_PATH'] = str(self.data_dir / 'nicegui' / name)
        output = (self.logs / f'{name}.log').open('ab')
        self.processes[name] = subprocess.Popen(
            argv, cwd=ROOT, env=self.environment(**extra), stdout=output, stderr=subprocess.STDOUT, **_OWN_GROUP
        )

    def _wait_ready(self, name: str, url: str) -> None:
        """Wait for a web process to answer; if it died instead, say so with the end of its log."""
        deadline = time.monotonic() + 90
        while True:
            try:
                wait_http(url, timeout=1)
                return
            except TimeoutError:
                if self.processes[name].poll() is not None or time.monotonic() > deadline:
                    tail = (self.logs / f'{name}.log').read_text(errors='replace')[-1500:]
                    raise RuntimeError(f'{name} did not start:\n{tail}') from None

    def _port_of(self, name: str) -> int | None:
        return self.web_ports[int(name.split('-')[1]) - 1] if name.startswith('web-') else None

    def _run_once(self, *args: str) -> None:
        with (self.logs / f'{args[0]}.log').open('ab') as output:
            subprocess.run(
                [sys.executable, '-c', _CLI, *args], cwd=ROOT, env=self.environment(), stdout=output, check=True
            )

    def _start_s3(self) -> None:
        argv = [sys.executable, '-m', 'moto.server', '-H', '127.0.0.1', '-p', str(self.s3_port)]
        output = (self.logs / 's3.log').open('ab')
        self.processes['s3'] = subprocess.Popen(argv, stdout=output, stderr=subprocess.STDOUT, **_OWN_GROUP)
        wait_http(f'http://127.0.0.1:{self.s3_port}/moto-api/', timeout=30)
        request = urllib.request.Request(f'http://127.0.0.1:{self.s3_port}/routix', method='PUT')
        with contextlib.suppress(urllib.error.HTTPError):  # already there
            urllib.request.urlopen(request, timeout=10).close()

    def _start_nginx(self) -> None:
        prefix = self.data_dir / 'nginx'
        for sub in ('tmp/body', 'tmp/proxy', 'tmp/fastcgi', 'tmp/uwsgi', 'tmp/scgi'):
            (prefix / sub).mkdir(parents=True, exist_ok=True)
        max_body = int(self.environment().get('ROUTIX_MAX_UPLOAD_BYTES', 10 * 1024 * 1024))
        conf = prefix / 'nginx.conf'
        backends = [f'127.0.0.1:{port}' for port in self.web_ports]
        conf.write_text(
            nginx_conf(prefix=prefix, listen=f'{self.host}:{self.port}', backends=backends, max_body_bytes=max_body)
        )
        binary = nginx_binary()
        subprocess.run([binary, '-t', '-q', '-p', str(prefix), '-c', str(conf)], check=True)
        output = (self.logs / 'nginx.log').open('ab')
        self.processes['nginx'] = subprocess.Popen(
            [binary, '-p', str(prefix), '-c', str(conf), '-g', 'daemon off;'],
            stdout=output,
            stderr=subprocess.STDOUT,
            **_OWN_GROUP,
        )

    def _shared_secret(self) -> str:
        """One session key for every web process (sign-in works on all of them); kept in the data dir."""
        path = self.data_dir / '.secret_key'
        if not path.exists():
            path.write_text(secrets.token_urlsafe(48))
            path.chmod(0o600)
        return path.read_text().strip()


def wait_http(url: str, *, timeout: float) -> None:
    """Return once ``url`` answers any HTTP status; raise TimeoutError otherwise."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=5).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            if time.monotonic() > deadline:
                raise TimeoutError(f'{url} did not answer within {timeout:.0f} s') from None
            time.sleep(0.2)


def main() -> int:
    """``make cluster``: start, print where, supervise until Ctrl-C."""
    from routix.core.config import load_settings
    from routix.core.logs import configure_logging

    settings = load_settings()
    configure_logging(settings)
    cluster = LocalCluster(data_dir=settings.data_dir, port=settings.port, host=settings.host, restart=True)
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stop as on Ctrl-C: raises KeyboardInterrupt
    try:
        cluster.start()
        log.warning(
            'Routix cluster on %s: 2 web processes %s, 2 workers, PostgreSQL and S3; logs in %s. Ctrl-C stops it.',
            cluster.url,
            cluster.web_ports,
            cluster.logs,
        )
        cluster.supervise()
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()
    return 0


if __name__ == '__main__':
    sys.exit(main())
