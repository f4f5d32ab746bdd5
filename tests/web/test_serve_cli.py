"""``newsfuse serve``: loopback by default, options passed to the app and to uvicorn."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from newsfuse.cli import cli
from newsfuse.cli.serve import is_loopback


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.5", False),
        ("example.org", False),
    ],
)
def test_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


@pytest.fixture
def calls(monkeypatch):
    seen: dict[str, object] = {}

    def fake_create_app(settings, **kwargs):
        seen["settings"] = settings
        seen.update(kwargs)
        return "APP"

    def fake_run(app, **kwargs):
        seen["app"] = app
        seen["run"] = kwargs

    import uvicorn

    import newsfuse.web

    monkeypatch.setattr(newsfuse.web, "create_app", fake_create_app)
    monkeypatch.setattr(uvicorn, "run", fake_run)
    return seen


def test_serve_defaults_to_loopback_port_8000_without_a_store(calls):
    result = CliRunner().invoke(cli, ["serve"], env={"NEWSFUSE_DB": ""})
    assert result.exit_code == 0, result.output
    assert calls["app"] == "APP"
    assert calls["run"]["host"] == "127.0.0.1" and calls["run"]["port"] == 8000
    assert calls["store_path"] is None
    assert calls["settings"].words == 120


def test_serve_passes_db_port_and_words(calls, tmp_path):
    db = tmp_path / "news.db"
    args = ["serve", "--port", "9123", "--db", str(db), "--words", "60", "--create"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert f"creating a new, empty article store at {db}" in result.output
    db.touch()  # from here on the store exists
    assert calls["run"]["port"] == 9123 and calls["store_path"] == db
    assert calls["settings"].words == 60
    result = CliRunner().invoke(cli, ["serve"], env={"NEWSFUSE_DB": str(db)})
    assert result.exit_code == 0 and calls["store_path"] == db


def test_serve_refuses_a_missing_store_without_create(calls, tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "typo.db")])
    assert result.exit_code == 2
    assert "typo.db does not exist" in result.output and "--create" in result.output
    assert "app" not in calls and not (tmp_path / "typo.db").exists()


def test_serve_refuses_a_public_host_unless_allowed(calls):
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "--allow-remote" in result.output and "app" not in calls
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--allow-remote"])
    assert result.exit_code == 0 and calls["run"]["host"] == "0.0.0.0"


def test_serve_help_names_the_schema_and_the_remote_flag():
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    assert "/api/openapi.json" in result.output and "--allow-remote" in result.output
