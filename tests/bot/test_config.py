from pathlib import Path

import pytest

from bot.cli import main
from bot.config import ConfigError, Settings, load_settings

TOKEN = "123456:ABCdef_ghi-JKL"


def test_defaults() -> None:
    s = load_settings({})
    assert s.token is None
    assert s.api_root == "https://api.telegram.org"
    assert s.base_url == "https://api.telegram.org/bot"
    assert s.base_file_url == "https://api.telegram.org/file/bot"
    assert s.db_path == Path("palabre.db")
    assert s.admins == frozenset()
    assert s.timezone == "UTC"
    assert s.languages == ("en", "fr", "ar")
    assert s.min_group_size == 5


def test_environment_values() -> None:
    s = load_settings(
        {
            "PALABRE_BOT_TOKEN": TOKEN,
            "PALABRE_API_ROOT": "http://127.0.0.1:8081/",
            "PALABRE_DB": "/tmp/x.db",
            "PALABRE_ADMINS": " 11, 22 ,",
            "PALABRE_TIMEZONE": "Africa/Niamey",
            "PALABRE_LANGUAGES": "fr,ar",
        }
    )
    assert s.require_token() == TOKEN
    assert s.base_url == "http://127.0.0.1:8081/bot"
    assert s.admins == {11, 22}
    assert s.languages == ("fr", "ar")
    assert str(s.zone) == "Africa/Niamey"


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("PALABRE_ADMINS", "12,abc"),
        ("PALABRE_TIMEZONE", "Mars/Olympus"),
        ("PALABRE_LANGUAGES", "en,de"),
        ("PALABRE_LANGUAGES", ""),
        ("PALABRE_API_ROOT", "ftp://x"),
        ("PALABRE_BOT_TOKEN", "not a token"),
        ("PALABRE_MIN_GROUP_SIZE", "1"),
        ("PALABRE_MIN_GROUP_SIZE", "2"),  # trends, summaries and exports cannot honour it
        ("PALABRE_STATEMENTS_PER_ROUND", "0"),
        ("PALABRE_LOG_LEVEL", "LOUD"),
        ("PALABRE_STATEMENT_LIMIT", "10"),
        ("PALABRE_GRIEVANCE_LENGTH", "99"),
        ("PALABRE_GRIEVANCE_LENGTH", "4001"),
        ("PALABRE_GRIEVANCES_PER_DAY", "0"),
        ("PALABRE_GRIEVANCES_PER_DAY", "five"),
        ("PALABRE_WAVE_HOURS", "0"),
        ("PALABRE_REMINDER_HOURS", "48,24"),
        ("PALABRE_REMINDER_HOURS", "12,24,36"),
        ("PALABRE_REMINDER_HOURS", "72"),
        ("PALABRE_WAVE_SPREAD_MINUTES", "-1"),
    ],
)
def test_malformed_values_name_their_variable(variable: str, value: str) -> None:
    with pytest.raises(ConfigError) as err:
        load_settings({variable: value})
    assert str(err.value).startswith(variable)


def test_missing_token_is_only_required_by_run() -> None:
    with pytest.raises(ConfigError, match="PALABRE_BOT_TOKEN"):
        load_settings({}).require_token()


def test_toml_file_and_environment_precedence(tmp_path: Path) -> None:
    config = tmp_path / "palabre.toml"
    config.write_text('bot_token = "1:abc"\nadmins = [5, 6]\ntimezone = "Europe/Paris"\n')
    s = load_settings({"PALABRE_TIMEZONE": "Asia/Baghdad"}, config)
    assert s.token == "1:abc"
    assert s.admins == {5, 6}
    assert s.timezone == "Asia/Baghdad"


def test_bad_toml_is_a_config_error(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text("this is = = not toml")
    with pytest.raises(ConfigError, match="--config"):
        load_settings({}, config)
    config.write_text('colour = "blue"')
    with pytest.raises(ConfigError, match="unknown setting"):
        load_settings({}, config)


def test_cli_run_without_token_exits_2_with_one_line(monkeypatch, capsys) -> None:
    for key in list(__import__("os").environ):
        if key.startswith("PALABRE_"):
            monkeypatch.delenv(key)
    assert main(["run"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "PALABRE_BOT_TOKEN" in err and "Traceback" not in err


def test_cli_malformed_value_exits_2(monkeypatch, capsys) -> None:
    monkeypatch.setenv("PALABRE_TIMEZONE", "Nowhere/Land")
    assert main(["migrate"]) == 2
    assert "PALABRE_TIMEZONE" in capsys.readouterr().err


def test_cli_help_lists_subcommands(capsys) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    for sub in ("run", "backup", "migrate", "export", "categories"):
        assert sub in out
    assert "demo" not in out  # the demo is its own command: palabre-demo


def test_cli_migrate_and_backup(tmp_path: Path, monkeypatch, capsys) -> None:
    import sqlite3

    db = tmp_path / "live.db"
    monkeypatch.setenv("PALABRE_DB", str(db))
    assert main(["migrate"]) == 2  # a mistyped path is not a new dialogue
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such database" in err and "--create" in err
    assert not db.exists()
    assert main(["migrate", "--create"]) == 0
    assert "schema version" in capsys.readouterr().out
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO dialogues (name, created_at) VALUES ('X', '2026-01-01')")
    out = tmp_path / "copy.db"
    assert main(["backup", str(out)]) == 0
    with sqlite3.connect(out) as conn:
        assert conn.execute("SELECT name FROM dialogues").fetchall() == [("X",)]
    assert main(["backup", str(out), "--db", str(tmp_path / "missing.db")]) == 2
    assert "no database" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["migrate"], ["backup", "copy.db"], ["categories", "1"]])
def test_a_file_that_is_not_sqlite_gets_one_line(
    command: list[str], tmp_path: Path, monkeypatch, capsys
) -> None:
    db = tmp_path / "notes.txt"
    db.write_text("shopping list: rice, tea, sugar\n" * 200)
    monkeypatch.setenv("PALABRE_DB", str(db))
    monkeypatch.chdir(tmp_path)
    assert main(command) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a Palabre database" in err and "Traceback" not in err
    assert db.read_text().startswith("shopping list")


def test_grievance_settings() -> None:
    assert (Settings().grievance_length, Settings().grievances_per_day) == (1000, 5)
    settings = load_settings({"PALABRE_GRIEVANCE_LENGTH": "300", "PALABRE_GRIEVANCES_PER_DAY": "2"})
    assert (settings.grievance_length, settings.grievances_per_day) == (300, 2)


def test_cli_categories_shows_sets_and_resets(tmp_path: Path, monkeypatch, capsys) -> None:
    import sqlite3

    db = tmp_path / "live.db"
    monkeypatch.setenv("PALABRE_DB", str(db))
    assert main(["categories", "1"]) == 2
    assert "no such database" in capsys.readouterr().err
    assert main(["migrate", "--create"]) == 0
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO dialogues (name, created_at) VALUES ('X', '2026-01-01')")
    assert main(["categories", "2"]) == 2
    assert "no dialogue 2" in capsys.readouterr().err
    assert main(["categories", "1"]) == 0
    out = capsys.readouterr().out
    assert "armed_threats: Threats by armed groups  (urgent)" in out
    assert "gbv: Gender-based violence  (confidential)" in out
    own = tmp_path / "own.toml"
    own.write_text(
        'spec_version = 1\n[[categories]]\nid = "cattle"\nlabel.en = "Cattle theft"\n'
        'label.fr = "Vol de bétail"\nlabel.ar = "سرقة الماشية"\nurgent = true\n',
        encoding="utf-8",
    )
    assert main(["categories", "1", str(own)]) == 0
    assert capsys.readouterr().out == "cattle: Cattle theft  (urgent)\n"
    assert main(["categories", "1"]) == 0
    assert capsys.readouterr().out == "cattle: Cattle theft  (urgent)\n"
    broken = tmp_path / "broken.toml"
    broken.write_text('spec_version = 1\n[[categories]]\nid = "x"\n', encoding="utf-8")
    assert main(["categories", "1", str(broken)]) == 2
    assert "label" in capsys.readouterr().err
    assert main(["categories", "1"]) == 0
    assert "cattle" in capsys.readouterr().out  # the broken list was not saved
    assert main(["categories", "1", "--default"]) == 0
    assert "police_conduct" in capsys.readouterr().out


def test_survey_settings(tmp_path: Path) -> None:
    defaults = Settings()
    assert (defaults.wave_hours, defaults.reminder_hours, defaults.wave_spread_minutes) == (
        72,
        (24, 48),
        0,
    )
    settings = load_settings(
        {
            "PALABRE_WAVE_HOURS": "48",
            "PALABRE_REMINDER_HOURS": "12",
            "PALABRE_WAVE_SPREAD_MINUTES": "30",
            "PALABRE_INSTRUMENTS": str(tmp_path / "mine.toml"),
        }
    )
    assert settings.wave_hours == 48 and settings.reminder_hours == (12,)
    assert settings.wave_spread_minutes == 30
    assert settings.instruments_file == tmp_path / "mine.toml"
    assert load_settings({"PALABRE_REMINDER_HOURS": ""}).reminder_hours == ()
