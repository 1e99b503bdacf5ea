"""Webhook signatures, the retry schedule, and which endpoints a partners file may name."""

from __future__ import annotations

import hashlib
import hmac
import json
from pathlib import Path

import pytest

from shared.webhooks import WebhookRefused, WebhookSettings, load_webhooks
from shared.webhooks.backoff import ceiling, delay
from shared.webhooks.signing import signature_header, verify

SECRET = "a" * 64
BODY = b'{"delivery_id":"d","events":[]}'


def test_the_signature_is_hmac_sha256_of_the_timestamp_and_the_body() -> None:
    expected = hmac.new(SECRET.encode(), b"1700000000." + BODY, hashlib.sha256).hexdigest()

    assert signature_header(SECRET, 1_700_000_000, BODY) == f"t=1700000000,v1={expected}"


def test_a_receiver_accepts_a_fresh_signature_of_the_body() -> None:
    header = signature_header(SECRET, 1_700_000_000, BODY)

    assert verify(SECRET, header, BODY, now=1_700_000_100)


@pytest.mark.parametrize(
    ("secret", "body", "now"),
    [
        ("b" * 64, BODY, 1_700_000_000),  # another secret
        (SECRET, BODY + b" ", 1_700_000_000),  # the body changed
        (SECRET, BODY, 1_700_000_301),  # replayed after the tolerance
        (SECRET, BODY, 1_699_999_699),  # dated in the future beyond it
    ],
)
def test_a_receiver_refuses_a_wrong_changed_or_replayed_delivery(
    secret: str, body: bytes, now: int
) -> None:
    header = signature_header(SECRET, 1_700_000_000, BODY)

    assert not verify(secret, header, body, now=now)


@pytest.mark.parametrize("header", ["", "t=1700000000", "v1=abc", "t=x,v1=abc", "garbage"])
def test_a_malformed_signature_header_is_not_valid(header: str) -> None:
    assert not verify(SECRET, header, BODY, now=1_700_000_000)


def test_one_matching_signature_of_several_suffices_while_a_secret_is_rotated() -> None:
    good = signature_header(SECRET, 1_700_000_000, BODY).split(",")[1]

    assert verify(SECRET, f"t=1700000000,v1={'0' * 64},{good}", BODY, now=1_700_000_000)


def test_the_delay_doubles_with_every_failure_up_to_the_cap() -> None:
    schedule = [ceiling(n, base=2.0, cap=60.0) for n in range(0, 9)]

    assert schedule == [0.0, 2.0, 4.0, 8.0, 16.0, 32.0, 60.0, 60.0, 60.0]
    assert ceiling(10_000, base=2.0, cap=60.0) == 60.0


def test_the_jitter_stays_in_the_upper_half_of_the_schedule() -> None:
    assert delay(3, 2.0, 60.0, draw=lambda: 0.0) == 4.0
    assert delay(3, 2.0, 60.0, draw=lambda: 0.999) == pytest.approx(7.996)
    assert delay(20, 2.0, 60.0, draw=lambda: 0.5) == 45.0


def _partners(folder: Path, entry: str) -> tuple[Path, Path]:
    contract = folder / "contract.json"
    contract.write_text(
        json.dumps({"events": {"intake.client_enrolled": {"version": 1, "service": "intake"}}})
    )
    path = folder / "partners.toml"
    path.write_text(f'[[partner]]\nname = "oulu"\nprojects = ["S1"]\n{entry}\n', encoding="utf-8")
    return path, contract


SECRET_ENV = 'webhook_secret_env = "DUUNI_WEBHOOK_SECRET_OULU"'


def test_a_partner_s_https_endpoint_and_its_narrowing_are_read(tmp_path: Path) -> None:
    path, contract = _partners(
        tmp_path,
        f'webhook = "https://hooks.example/duuni"\n{SECRET_ENV}\n'
        'event_types = ["intake.client_enrolled"]',
    )

    (hook,) = load_webhooks(path, WebhookSettings(), contract)

    assert hook.url == "https://hooks.example/duuni"
    assert hook.secret_env == "DUUNI_WEBHOOK_SECRET_OULU"
    assert hook.event_types == {"intake.client_enrolled"}
    assert hook.partner.projects == {"S1"}


def test_a_partner_without_a_webhook_has_none(tmp_path: Path) -> None:
    path, contract = _partners(tmp_path, "")

    assert load_webhooks(path, WebhookSettings(), contract) == []


@pytest.mark.parametrize(
    "url",
    [
        "http://hooks.example/duuni",
        "http://127.0.0.1:8443/duuni",  # loopback, but the setting is off
        "ftp://hooks.example/duuni",
        "https://user:pass@hooks.example/duuni",
        "https:///duuni",
    ],
)
def test_only_https_endpoints_are_accepted(tmp_path: Path, url: str) -> None:
    path, contract = _partners(tmp_path, f'webhook = "{url}"\n{SECRET_ENV}')

    with pytest.raises(WebhookRefused, match="webhook"):
        load_webhooks(path, WebhookSettings(), contract)


def test_plain_http_is_accepted_on_loopback_only_when_the_setting_allows_it(
    tmp_path: Path,
) -> None:
    allowed = WebhookSettings(allow_loopback_http=True)
    local, contract = _partners(tmp_path, f'webhook = "http://127.0.0.1:8443/x"\n{SECRET_ENV}')

    assert [hook.url for hook in load_webhooks(local, allowed, contract)] == [
        "http://127.0.0.1:8443/x"
    ]
    remote, _ = _partners(tmp_path, f'webhook = "http://hooks.example/x"\n{SECRET_ENV}')
    with pytest.raises(WebhookRefused, match="https://"):
        load_webhooks(remote, allowed, contract)


def test_an_event_type_outside_the_contract_is_refused(tmp_path: Path) -> None:
    path, contract = _partners(
        tmp_path,
        f'webhook = "https://hooks.example/x"\n{SECRET_ENV}\n'
        'event_types = ["intake.client_enrolled", "intake.person_registered"]',
    )

    with pytest.raises(WebhookRefused, match=r"intake\.person_registered"):
        load_webhooks(path, WebhookSettings(), contract)


def test_a_webhook_needs_the_name_of_its_secret_s_variable(tmp_path: Path) -> None:
    path, contract = _partners(tmp_path, 'webhook = "https://hooks.example/x"')

    with pytest.raises(WebhookRefused, match="webhook_secret_env"):
        load_webhooks(path, WebhookSettings(), contract)


def test_a_missing_ca_file_is_refused_at_start(tmp_path: Path) -> None:
    path, contract = _partners(tmp_path, f'webhook = "https://hooks.example/x"\n{SECRET_ENV}')

    with pytest.raises(WebhookRefused, match="DUUNI_WEBHOOK_CA_FILE"):
        load_webhooks(path, WebhookSettings(ca_file=tmp_path / "missing.pem"), contract)
