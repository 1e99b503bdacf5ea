"""Prometheus metrics of a process: its services' logs, relays and consumers, its requests.

The log figures are read when Prometheus scrapes (a collector), so they are exact and cost
nothing between scrapes: events appended is the log's head position, events published is
the relay's checkpoint, consumer lag is the source's head minus the consumer's checkpoint.
Request latency is a histogram by route template, never by raw path (no ids in labels).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence

from prometheus_client import CollectorRegistry, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.eventlog.kafka import KafkaSubscription
from shared.eventlog.subscription import LogSubscription
from shared.events.correlation import reset_correlation_id, set_correlation_id
from shared.ids import uuid7_str
from shared.runtime import ServiceRuntime
from shared.webhooks import delivery_states

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
CORRELATION_HEADER = "x-correlation-id"


class RuntimeCollector(Collector):
    def __init__(self, runtimes: Sequence[ServiceRuntime]) -> None:
        self.runtimes = runtimes

    def collect(self) -> Iterable[Metric]:
        appended = CounterMetricFamily(
            "duuni_events_appended", "Events in the service's log of record", labels=["service"]
        )
        published = CounterMetricFamily(
            "duuni_events_published", "Events the relay has had acknowledged", labels=["service"]
        )
        relay_lag = GaugeMetricFamily(
            "duuni_relay_lag_events", "Events appended but not yet published", labels=["service"]
        )
        consumed = CounterMetricFamily(
            "duuni_events_consumed",
            "Events applied by a consumer since the process started",
            labels=["service", "subscription"],
        )
        dead = CounterMetricFamily(
            "duuni_events_dead_lettered",
            "Events a consumer set aside as undeliverable since the process started",
            labels=["service", "subscription"],
        )
        lag = GaugeMetricFamily(
            "duuni_consumer_lag_events",
            "Events of the source not yet applied by a polling consumer",
            labels=["service", "subscription"],
        )
        hook_lag = GaugeMetricFamily(
            "duuni_webhook_lag_events",
            "Events of the log a partner's webhook has not yet passed",
            labels=["service", "partner"],
        )
        hook_failures = GaugeMetricFamily(
            "duuni_webhook_failures",
            "Failed deliveries in a row to a partner's webhook",
            labels=["service", "partner"],
        )
        for runtime in self.runtimes:
            head = runtime.log.head().position
            if runtime.webhooks:
                for state in delivery_states(runtime.log.db):
                    if state.service == runtime.name:
                        hook_lag.add_metric([runtime.name, state.partner], head - state.position)
                        hook_failures.add_metric([runtime.name, state.partner], state.failures)
            appended.add_metric([runtime.name], head)
            for relay in runtime.relays:
                done = relay.checkpoint()
                published.add_metric([runtime.name], done)
                relay_lag.add_metric([runtime.name], head - done)
            for sub in runtime.subscriptions:
                labels = [runtime.name, sub.name]
                consumed.add_metric(labels, sub.stats.processed)
                dead.add_metric(labels, sub.stats.dead_lettered)
                if isinstance(sub, LogSubscription):
                    lag.add_metric(labels, sub.source.head().position - sub.position())
                elif isinstance(sub, KafkaSubscription):
                    pass  # the broker's consumer-group lag is the operator's figure there
        yield from (appended, published, relay_lag, consumed, dead, lag, hook_lag, hook_failures)


class Observability:
    """A process's metrics registry and the ASGI middleware that times its requests."""

    def __init__(self, runtimes: Sequence[ServiceRuntime]) -> None:
        self.registry = CollectorRegistry()
        self.registry.register(RuntimeCollector(runtimes))
        self.requests = Histogram(
            "duuni_http_request_duration_seconds",
            "Time to answer an HTTP request, by route template",
            ["method", "route", "status"],
            registry=self.registry,
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5),
        )

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


class RequestObservability:
    """Sets the correlation id of each request and times it into the histogram."""

    def __init__(self, app: ASGIApp, requests: Histogram) -> None:
        self.app = app
        self.requests = requests

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(_headers(scope["headers"])).get(CORRELATION_HEADER, "")
        correlation = incoming[:64] if _plausible(incoming) else uuid7_str()
        token = set_correlation_id(correlation)
        status = 500
        started = time.perf_counter()

        async def remember(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [
                    *message["headers"],
                    (CORRELATION_HEADER.encode(), correlation.encode()),
                ]
            await send(message)

        try:
            await self.app(scope, receive, remember)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", None) or "unmatched"
            self.requests.labels(scope["method"], template, str(status)).observe(
                time.perf_counter() - started
            )
            reset_correlation_id(token)


def _headers(raw: Iterable[tuple[bytes, bytes]]) -> Iterator[tuple[str, str]]:
    for key, value in raw:
        yield key.decode("latin-1").lower(), value.decode("latin-1")


def _plausible(value: str) -> bool:
    return 0 < len(value) <= 64 and all(c.isalnum() or c in "-_." for c in value)
