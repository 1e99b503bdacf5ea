"""The link store's rules: a token opens its one link until it expires, is revoked or is
used; only the token's hash is stored; an unknown token is refused like any other."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, MetaData, create_engine, select

from shared.links import LinkRefused, LinkStore, RateLimiter, links_table

NOW = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = create_engine(f"sqlite:///{tmp_path / 'links.sqlite3'}")
    yield engine
    engine.dispose()


@pytest.fixture
def store(engine: Engine) -> LinkStore:
    metadata = MetaData()
    table = links_table(metadata)
    metadata.create_all(engine)
    return LinkStore(engine, table)


def _issue(store: LinkStore, *, single_use: bool = True, days: int = 14) -> tuple[str, str]:
    grant, token = store.issue(
        project_id="A", purpose="participant_start_form", subject_id="client-1",
        language="sv", created_by="coach-a", now=NOW, valid_for=timedelta(days=days),
        single_use=single_use,
    )  # fmt: skip
    return grant.link_id, token


def _refusal(store: LinkStore, token: str, now: datetime = NOW) -> str:
    with pytest.raises(LinkRefused) as refused:
        store.open(token, now)
    return refused.value.reason


def test_a_token_opens_its_link_and_the_opening_is_remembered(store: LinkStore) -> None:
    link_id, token = _issue(store)

    grant = store.open(token, NOW + timedelta(minutes=5))
    again = store.open(token, NOW + timedelta(minutes=9))

    assert (grant.link_id, grant.project_id, grant.subject_id) == (link_id, "A", "client-1")
    assert (grant.language, grant.purpose) == ("sv", "participant_start_form")
    assert grant.opened_at == again.opened_at == NOW + timedelta(minutes=5)
    assert store.for_subject("A", "client-1")[0].state(NOW) == "opened"


def test_only_the_hash_of_the_token_is_stored(store: LinkStore, engine: Engine) -> None:
    _link_id, token = _issue(store)

    with engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(select(store.table)).mappings()]

    assert len(token) >= 43  # 32 random bytes, URL-safe base64
    assert rows[0]["token_hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert not any(token in str(value) for value in rows[0].values())


def test_an_expired_link_is_refused(store: LinkStore) -> None:
    _link_id, token = _issue(store, days=1)

    assert store.open(token, NOW + timedelta(hours=23)).link_id
    assert _refusal(store, token, NOW + timedelta(days=1)) == "expired"
    assert store.for_subject("A", "client-1")[0].state(NOW + timedelta(days=2)) == "expired"


def test_a_used_link_is_refused_when_reused(store: LinkStore) -> None:
    link_id, token = _issue(store)
    store.open(token, NOW)

    store.mark_done(link_id, NOW + timedelta(minutes=3))

    assert _refusal(store, token, NOW + timedelta(minutes=4)) == "used"
    assert store.for_subject("A", "client-1")[0].state(NOW) == "done"


def test_a_revoked_link_is_refused_and_a_used_one_stays_used(store: LinkStore) -> None:
    revoked_id, revoked = _issue(store)
    used_id, used = _issue(store)
    store.mark_done(used_id, NOW)

    store.revoke(revoked_id, NOW + timedelta(minutes=1))
    store.revoke(used_id, NOW + timedelta(minutes=1))

    assert _refusal(store, revoked) == "revoked"
    assert _refusal(store, used) == "used"


def test_an_unknown_token_and_a_wrong_one_are_the_same_refusal(store: LinkStore) -> None:
    _link_id, token = _issue(store)
    wrong = token[:-1] + ("A" if token[-1] != "A" else "B")

    assert _refusal(store, "nothing-like-a-token") == "unknown"
    assert _refusal(store, wrong) == "unknown"
    assert _refusal(store, "") == "unknown"


def test_tokens_differ_and_a_link_lives_at_most_90_days(store: LinkStore) -> None:
    tokens = {_issue(store)[1] for _ in range(20)}

    assert len(tokens) == 20
    with pytest.raises(ValueError):
        _issue(store, days=91)


def test_the_subjects_links_are_listed_newest_first_within_their_project(
    store: LinkStore,
) -> None:
    first, _ = _issue(store)
    second, _ = _issue(store)

    assert [g.link_id for g in store.for_subject("A", "client-1")] == [second, first]
    assert store.for_subject("B", "client-1") == []


def test_the_rate_limiter_counts_per_address_within_its_window() -> None:
    clock = [0.0]
    limiter = RateLimiter(limit=3, window=60, clock=lambda: clock[0])

    allowed = [limiter.allow("10.0.0.1") for _ in range(4)]
    other = limiter.allow("10.0.0.2")
    clock[0] = 61.0
    later = limiter.allow("10.0.0.1")

    assert allowed == [True, True, True, False]
    assert other and later
