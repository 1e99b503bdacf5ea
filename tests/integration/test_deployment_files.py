"""The compose file and the proxy describe the topology the services expect.

Where Docker's compose plugin exists, ``docker compose config`` validates the file as
Docker reads it; everywhere, the YAML is checked for what running for real needs: Kafka
in KRaft mode with unlimited retention, health checks and restart policies, one schema
and one Kafka client per service, sessions resolved through intake, secrets from the
environment only.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from duuni.local_kafka import kafka_version

ROOT = Path(__file__).resolve().parents[2]
APPS = ("intake", "coaching", "matching", "reporting")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return loaded


def test_docker_compose_validates_the_file() -> None:
    docker = shutil.which("docker")
    if docker is None:
        pytest.skip("no docker CLI on this machine; the YAML checks below still run")
    plugin = subprocess.run([docker, "compose", "version"], capture_output=True, text=True)
    if plugin.returncode != 0:
        pytest.skip("the docker CLI here has no compose plugin; the YAML checks still run")
    result = subprocess.run(
        [docker, "compose", "config", "--quiet"],
        cwd=ROOT,
        env={**os.environ, "POSTGRES_PASSWORD": "only-for-validation"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_kafka_runs_in_kraft_mode_from_the_official_image_and_keeps_events(
    compose: dict[str, Any],
) -> None:
    kafka = compose["services"]["kafka"]

    assert kafka["image"] == f"apache/kafka:{kafka_version()}"  # the version the tests run
    assert "controller" in kafka["environment"]["KAFKA_PROCESS_ROLES"]
    assert str(kafka["environment"]["KAFKA_LOG_RETENTION_MS"]) == "-1"
    assert "healthcheck" in kafka


@pytest.mark.parametrize("name", APPS)
def test_every_service_is_its_own_process_with_health_and_restarts(
    compose: dict[str, Any], name: str
) -> None:
    service = compose["services"][name]
    environment = service["environment"]

    assert service["command"][:2] == ["serve", name]
    assert service["restart"] == "unless-stopped"
    assert "/health/ready" in " ".join(service["healthcheck"]["test"])
    assert environment[f"DUUNI_{name.upper()}_DATABASE_URL"].startswith("postgresql+psycopg://")
    assert "${POSTGRES_PASSWORD}" in environment[f"DUUNI_{name.upper()}_DATABASE_URL"]
    assert environment["DUUNI_KAFKA_BOOTSTRAP_SERVERS"] == "kafka:9092"
    if name != "intake":
        assert environment[f"DUUNI_{name.upper()}_INTAKE_URL"] == "http://intake:8000"
    assert (ROOT / "deploy" / "env" / f"{name}.env").exists()


def test_the_schemas_are_upgraded_once_before_any_service_starts(
    compose: dict[str, Any],
) -> None:
    migrate = compose["services"]["migrate"]

    assert migrate["command"] == ["migrate", "upgrade"]
    assert migrate["restart"] == "no"
    for name in APPS:
        url = migrate["environment"][f"DUUNI_{name.upper()}_DATABASE_URL"]
        assert url == compose["services"][name]["environment"][f"DUUNI_{name.upper()}_DATABASE_URL"]
        waits_for = compose["services"][name]["depends_on"]["migrate"]
        assert waits_for == {"condition": "service_completed_successfully"}


def test_no_secret_is_committed_in_the_env_files() -> None:
    for path in (ROOT / "deploy" / "env").glob("*.env"):
        text = path.read_text()
        assert not re.search(r"(PASSWORD|SECRET|KEY)\s*=", text), path.name
        assert "postgresql" not in text, path.name


def test_the_proxy_sends_each_section_to_its_service() -> None:
    config = (ROOT / "deploy" / "proxy" / "nginx.conf").read_text()

    for section, service in (
        ("coaching", "coaching"),
        ("matching", "matching"),
        ("reports", "reporting"),
    ):
        assert re.search(rf"\^/p/\[\^/\]\+/{section}.*proxy_pass http://{service};", config)
        assert f"location /api/{service}/" in config
    assert "location / { proxy_pass http://intake; }" in config
