from __future__ import annotations

from pathlib import Path

import pytest

from agent.config import DEFAULT_CONFIG_TOML, Config, load_config, parse_config
from agent.errors import ConfigError


def test_embedded_defaults_when_no_file() -> None:
    cfg = load_config()
    assert cfg == Config()
    assert cfg.mode == "warn"


def test_default_template_parses() -> None:
    assert parse_config(DEFAULT_CONFIG_TOML).mode == "warn"


def test_explicit_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        load_config(tmp_path / "nope.toml")


@pytest.mark.parametrize(
    ("text", "field", "line"),
    [
        ('mode = "loud"\n', "mode", 1),
        ('\n\n[ocr]\nengine = "magic"\n', "ocr.engine", 4),
        ('mode = "warn"\nwatchh = []\n', "watchh", 2),
        ('[limits]\ntimeout_s = "soon"\n', "limits.timeout_s", 2),
    ],
)
def test_bad_values_name_field_and_line(text: str, field: str, line: int) -> None:
    with pytest.raises(ConfigError) as ei:
        parse_config(text, path="c.toml")
    assert ei.value.field == field
    assert ei.value.line == line
    assert f"c.toml:{line}" in str(ei.value)


def test_values_are_read() -> None:
    cfg = parse_config('mode = "block"\nwatch = ["/srv/share"]\n[limits]\ntimeout_s = 5\n')
    assert cfg.mode == "block" and cfg.watch == ("/srv/share",) and cfg.limits.timeout_s == 5.0


def test_line_of_table_key_ignores_top_level_twin() -> None:
    text = 'mode = "warn"\n[alert]\nenabled = "yes"\n'
    with pytest.raises(ConfigError) as ei:
        parse_config(text, path="c.toml")
    assert ei.value.field == "alert.enabled" and ei.value.line == 3


@pytest.mark.parametrize(
    ("snippet", "field", "allowed"),
    [
        ('language = "fr"', "language", "zh_CN, en"),
        ("[limits]\nmemory_mb = 0", "limits.memory_mb", "128 to 1048576"),
        ("[watch_options]\nsettle_seconds = -5", "watch_options.settle_seconds", "0 to 3600"),
        ("[retention]\nevidence_days = -1", "retention.evidence_days", "0 to 36500"),
        ("[limits]\ntimeout_s = 0", "limits.timeout_s", "0.001 to 86400"),
        ("[alert]\nburst_threshold = 0", "alert.burst_threshold", "at least 1"),
    ],
)
def test_values_the_readme_says_stop_do_stop_naming_file_line_key_and_range(
    tmp_path: Path, snippet: str, field: str, allowed: str
) -> None:
    p = tmp_path / "config.toml"
    p.write_text('mode = "warn"\n# a comment\n' + snippet + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as ei:
        load_config(p)
    e = ei.value
    assert e.path == str(p) and e.field == field
    assert e.line == 3 + snippet.count("\n"), "the line of the key itself"
    assert allowed in str(e) and f"{p}:{e.line} [{field}]" in str(e)


def test_shareguard_run_refuses_a_bad_value(tmp_path: Path, capsys) -> None:
    from agent.cli import main

    p = tmp_path / "config.toml"
    p.write_text(f'data_dir = "{tmp_path / "d"}"\n[limits]\nmemory_mb = 0\n', encoding="utf-8")
    assert main(["run", "--config", str(p)]) == 2
    err = capsys.readouterr().err
    assert f"{p}:3" in err and "limits.memory_mb" in err
