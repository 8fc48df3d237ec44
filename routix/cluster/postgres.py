"""PostgreSQL for a local cluster: a throw-away database on a server you have, or Debian's binaries on a directory.

With ``server_url`` (e.g. CI's ``ROUTIX_TEST_POSTGRES_URL``) a fresh database is created on that server and dropped
at ``stop``. Without it, ``initdb`` prepares ``data_dir`` once (trust auth, loopback only) and ``pg_ctl`` starts a
server on a free port. PostgreSQL refuses to run as root: as root the directory is given to the ``postgres`` user
and the server runs as that user (the data directory above it gets the traverse bit for it, nothing readable).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import uuid
from pathlib import Path

import psycopg

from routix.cluster.bus import libpq_url


class LocalPostgres:
    """One database for the cluster; ``database_url`` is ready once ``start`` returned."""

    def __init__(self, *, data_dir: Path, server_url: str | None = None) -> None:
        self.data_dir = data_dir
        self.server_url = server_url
        self.database_url = ''
        self._started = False
        self._created_db = ''

    def start(self) -> None:
        """Create (and start) what is needed."""
        if self.server_url:
            base = libpq_url(self.server_url)
            self._created_db = f'routix_cluster_{uuid.uuid4().hex[:10]}'
            with psycopg.connect(base, autocommit=True) as connection:
                connection.execute(f'CREATE DATABASE {self._created_db}')
            self.database_url = _with_database(self.server_url, self._created_db)
            return
        binaries = _binaries()
        port = free_port()
        fresh = not (self.data_dir / 'PG_VERSION').exists()
        as_postgres = os.geteuid() == 0
        if fresh:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            self.data_dir.chmod(0o700)
        if as_postgres:
            shutil.chown(self.data_dir, 'postgres', 'postgres')
            self.data_dir.parent.chmod(self.data_dir.parent.stat().st_mode | 0o001)
        if fresh:
            self._run(as_postgres, [binaries / 'initdb', '-D', self.data_dir, '-A', 'trust', '-U', 'postgres'])
        options = f'-p {port} -k {self.data_dir} -c listen_addresses=127.0.0.1'
        start: list[str | Path] = [
            binaries / 'pg_ctl',
            '-D',
            self.data_dir,
            '-o',
            options,
            '-l',
            self.data_dir / 'server.log',
        ]
        self._run(as_postgres, [*start, '-w', 'start'])
        self._started = True
        admin = f'postgresql://postgres@127.0.0.1:{port}/postgres'
        with psycopg.connect(admin, autocommit=True) as connection:
            if connection.execute("SELECT 1 FROM pg_database WHERE datname = 'routix'").fetchone() is None:
                connection.execute('CREATE DATABASE routix')
        self.database_url = f'postgresql+asyncpg://postgres@127.0.0.1:{port}/routix'

    def stop(self) -> None:
        """Drop the throw-away database, or stop the server that ``start`` started."""
        if self._created_db and self.server_url:
            base = libpq_url(self.server_url)
            with psycopg.connect(base, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS {self._created_db} WITH (FORCE)')
            self._created_db = ''
        if self._started:
            stop: list[str | Path] = [_binaries() / 'pg_ctl', '-D', self.data_dir, '-m', 'fast', '-w', 'stop']
            self._run(os.geteuid() == 0, stop, check=False)  # already stopped is stopped
            self._started = False

    @staticmethod
    def _run(as_postgres: bool, argv: list[str | Path], *, check: bool = True) -> None:
        command = [str(a) for a in argv]
        if as_postgres:
            command = ['runuser', '-u', 'postgres', '--', *command]
        # a session of its own: the server must not get the Ctrl-C meant for the supervisor
        subprocess.run(command, check=check, stdout=subprocess.DEVNULL, cwd='/', start_new_session=True)


def available() -> bool:
    """Whether this machine can start a PostgreSQL server (Debian's binaries, or initdb on the PATH)."""
    try:
        _binaries()
    except FileNotFoundError:
        return False
    return True


def _binaries() -> Path:
    debian = sorted(Path('/usr/lib/postgresql').glob('*/bin'), key=lambda p: int(p.parent.name), reverse=True)
    for candidate in debian:
        if (candidate / 'initdb').exists():
            return candidate
    found = shutil.which('initdb')
    if found:
        return Path(found).parent
    raise FileNotFoundError('no PostgreSQL server binaries (Debian: apt-get install postgresql)')


def _with_database(url: str, name: str) -> str:
    head, _, _ = url.rpartition('/')
    return f'{head}/{name}'


def free_port() -> int:
    """A TCP port nobody listens on right now (loopback)."""
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return int(probe.getsockname()[1])
