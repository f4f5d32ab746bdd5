"""``newsfuse serve``: loopback by default, options passed to the app and to uvicorn."""

from __future__ import annotations

import click
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

    def fake_run(app, host, port, log_level):
        seen["app"] = app
        seen["run"] = {"host": host, "port": port, "log_level": log_level}

    import newsfuse.web
    import newsfuse.web.server

    monkeypatch.setattr(newsfuse.web, "create_app", fake_create_app)
    monkeypatch.setattr(newsfuse.web.server, "serve", fake_run)
    # Other programs on this machine may hold port 8000; the check has tests of its own.
    monkeypatch.setattr("newsfuse.cli.serve._check_port_free", lambda host, port: None)
    monkeypatch.delenv("NEWSFUSE_TOKEN", raising=False)
    return seen


def test_serve_defaults_to_loopback_port_8000_without_a_store(calls):
    result = CliRunner().invoke(cli, ["serve"], env={"NEWSFUSE_DB": ""})
    assert result.exit_code == 0, result.output
    assert calls["app"] == "APP"
    assert calls["run"]["host"] == "127.0.0.1" and calls["run"]["port"] == 8000
    assert calls["store_path"] is None
    assert calls["settings"].words == 120


def test_serve_time_limit_defaults_to_the_web_limit_and_can_be_set(calls, monkeypatch):
    from newsfuse.cli.serve import TIME_LIMIT
    from newsfuse.web import WebLimits

    monkeypatch.delenv("NEWSFUSE_TIME_LIMIT", raising=False)
    result = CliRunner().invoke(cli, ["serve"], env={"NEWSFUSE_DB": ""})
    assert result.exit_code == 0, result.output
    assert calls["limits"].time_limit == TIME_LIMIT == WebLimits().time_limit
    result = CliRunner().invoke(cli, ["serve", "--time-limit", "7.5"], env={"NEWSFUSE_DB": ""})
    assert result.exit_code == 0 and calls["limits"].time_limit == 7.5
    env = {"NEWSFUSE_DB": "", "NEWSFUSE_TIME_LIMIT": "12"}
    result = CliRunner().invoke(cli, ["serve"], env=env)
    assert result.exit_code == 0 and calls["limits"].time_limit == 12
    result = CliRunner().invoke(cli, ["serve", "--time-limit", "0"], env={"NEWSFUSE_DB": ""})
    assert result.exit_code == 2 and "--time-limit" in result.output


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
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--allow-remote", "--no-auth"])
    assert result.exit_code == 0 and calls["run"]["host"] == "0.0.0.0"
    assert calls["token"] is None


def test_allow_remote_refuses_to_start_without_a_token(calls):
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--allow-remote"])
    assert result.exit_code == 2
    assert "without an access token" in result.output and "--token-file" in result.output
    assert "app" not in calls


def test_a_token_from_a_file_or_the_environment_reaches_the_app(calls, tmp_path):
    secret = "s3cr3t-token-" + "x" * 20
    (tmp_path / "token").write_text(secret + "\n")
    args = ["serve", "--host", "0.0.0.0", "--allow-remote", "--token-file", str(tmp_path / "token")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert calls["token"] == secret
    result = CliRunner().invoke(cli, ["serve"], env={"NEWSFUSE_TOKEN": secret})
    assert result.exit_code == 0 and calls["token"] == secret
    result = CliRunner().invoke(cli, ["serve"], env={"NEWSFUSE_TOKEN": "short"})
    assert result.exit_code == 2 and "at least 16" in result.output


def test_a_busy_port_is_reported_before_anything_loads():
    import socket

    from newsfuse.cli.serve import _check_port_free

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(click.BadParameter, match=f"cannot listen on 127.0.0.1:{port}"):
            _check_port_free("127.0.0.1", port)
    _check_port_free("127.0.0.1", port)  # free again


def test_serve_help_names_the_schema_and_the_remote_flag():
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    assert "/api/openapi.json" in result.output and "--allow-remote" in result.output
