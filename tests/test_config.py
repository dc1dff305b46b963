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
