"""Prometheus metrics of one Routix server, in a registry of its own.

Requests are counted as they are answered (``observe_request``). Everything about generations and credits is read from
the database when Prometheus scrapes (``render``), so it is right after a restart and costs nothing between scrapes:
generations by tier, status and provider, the queue, credits charged and refunded. Stage durations are a histogram
fed, at each scrape, with the stages of the generations that finished since the previous one (since start-up first).

Own registry, not prometheus_client's global one: the test harness builds the app many times in one process.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import func
from sqlmodel import col, select

from routix.core.db import Database
from routix.models import CreditEntry, Generation, utcnow
from routix.vocabulary import GenerationStatus

CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8'
STAGE_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)
REQUEST_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
# a request's kind by its path (the path itself would give every image its own series)
_KINDS = (
    ('/_nicegui', 'nicegui'),
    ('/media/', 'media'),
    ('/download/', 'download'),
    ('/upload', 'upload'),
    ('/auth/', 'auth'),
    ('/healthz', 'health'),
    ('/readyz', 'health'),
    ('/metrics', 'metrics'),
)


class Metrics:
    """Counters fed by the web layer and a snapshot of the database taken at each scrape."""

    def __init__(self, *, db: Database, clients: Callable[[], int] = lambda: 0) -> None:
        self.db = db
        self.registry = CollectorRegistry(auto_describe=True)
        self._requests = Counter(
            'routix_http_requests', 'HTTP requests answered', ('method', 'kind', 'status'), registry=self.registry
        )
        self._latency = Histogram(
            'routix_http_request_duration_seconds',
            'time to the start of the answer',
            ('kind',),
            buckets=REQUEST_BUCKETS,
            registry=self.registry,
        )
        self._stages = Histogram(
            'routix_generation_stage_duration_seconds',
            'duration of each pipeline stage of finished generations',
            ('stage',),
            buckets=STAGE_BUCKETS,
            registry=self.registry,
        )
        self._snapshot = _Snapshot(clients=clients)
        self.registry.register(self._snapshot)
        self._finished_after = utcnow()

    def observe_request(self, *, method: str, path: str, status: int, seconds: float) -> None:
        """Count one answered HTTP request."""
        kind = next((kind for prefix, kind in _KINDS if path.startswith(prefix)), 'page')
        self._requests.labels(method=method, kind=kind, status=str(status)).inc()
        self._latency.labels(kind=kind).observe(seconds)

    async def render(self) -> bytes:
        """The exposition text, after reading the database."""
        async with self.db.session() as session:
            by_kind = await session.exec(
                select(Generation.tier, Generation.status, Generation.provider, func.count()).group_by(
                    col(Generation.tier), col(Generation.status), col(Generation.provider)
                )
            )
            generations = [(str(t), str(s), p, int(n)) for t, s, p, n in by_kind.all()]
            moved = await session.exec(
                select(CreditEntry.reason, func.coalesce(func.sum(CreditEntry.delta), 0)).group_by(
                    col(CreditEntry.reason)
                )
            )
            ledger = {reason: int(total) for reason, total in moved.all()}
            finished = await session.exec(
                select(Generation.finished_at, Generation.timings)
                .where(col(Generation.finished_at) > self._finished_after)
                .order_by(col(Generation.finished_at))
            )
            rows = list(finished.all())
        for finished_at, timings in rows:
            for stage, ms in (timings or {}).items():
                if isinstance(ms, int | float):
                    self._stages.labels(stage=stage).observe(ms / 1000)
            if finished_at is not None:
                self._finished_after = max(self._finished_after, finished_at)
        self._snapshot.generations = generations
        self._snapshot.charged = -ledger.get('generation', 0)
        self._snapshot.refunded = ledger.get('refund', 0)
        return generate_latest(self.registry)


@dataclass(kw_only=True, eq=False)  # a registry keys its collectors by identity
class _Snapshot(Collector):
    """What the last scrape read from the database, exposed as Prometheus families."""

    clients: Callable[[], int]
    generations: list[tuple[str, str, str, int]] = field(default_factory=list)
    charged: int = 0
    refunded: int = 0

    def collect(self) -> Iterable[Metric]:
        rows = GaugeMetricFamily(
            'routix_generations',
            'generations stored, by tier, status and provider',
            labels=('tier', 'status', 'provider'),
        )
        for tier, status, provider, count in self.generations:
            rows.add_metric((tier, status, provider), count)
        yield rows
        waiting = sum(n for _t, s, _p, n in self.generations if s == GenerationStatus.QUEUED)
        running = sum(n for _t, s, _p, n in self.generations if s == GenerationStatus.PROCESSING)
        yield GaugeMetricFamily('routix_queue_depth', 'generations waiting for a render slot', value=waiting)
        yield GaugeMetricFamily('routix_generations_running', 'generations being rendered now', value=running)
        yield GaugeMetricFamily('routix_connected_clients', 'browser tabs connected now', value=self.clients())
        yield CounterMetricFamily('routix_credits_charged', 'credits debited for generations', value=self.charged)
        yield CounterMetricFamily(
            'routix_credits_refunded', 'credits refunded for failed generations', value=self.refunded
        )
        spent = self.charged - self.refunded
        yield GaugeMetricFamily(
            'routix_credits_spent', 'credits spent on generations (charged minus refunded)', value=spent
        )
