"""The settings file: defaults, values, and one clear line for each mistake."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kneecoach import cli
from kneecoach.services.startup import prepare
from kneecoach.settings.config import (
    AudioSettings,
    ConfigError,
    ReportSettings,
    config_path,
    load_config,
)
from kneecoach.settings.launch import LaunchOptions


def test_no_file_means_the_defaults(tmp_path):
    assert load_config(tmp_path / "missing.toml").audio == AudioSettings("auto", 100, "coach")


def test_audio_settings_are_read(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[audio]\nbackend = "command"\nvolume = 40\nvoice = "cues"\n')
    assert load_config(path).audio == AudioSettings("command", 40, "cues")


@pytest.mark.parametrize(("written", "level"), [("true", "coach"), ("false", "off")])
def test_older_files_that_said_true_or_false_still_work(tmp_path, written, level):
    path = tmp_path / "config.toml"
    path.write_text(f"[audio]\nvoice = {written}\n")
    assert load_config(path).audio.voice == level


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[audio]\nvolume = 140\n",
            ":2: audio.volume: expected a whole number from 0 to 100, found 140",
        ),
        (
            '[audio]\nbackend = "loud"\n',
            ":2: audio.backend: expected one of auto, simpleaudio, command, bell, off",
        ),
        (
            '[audio]\n\nvoice = "yes"\n',
            ":3: audio.voice: expected one of off, cues, coach, found 'yes'",
        ),
        ("[audio]\nvoice = 1\n", ":2: audio.voice: expected one of off, cues, coach, found 1"),
        (
            "[audio]\nvolum = 3\n",
            ":2: audio.volum: unknown setting (known: backend, voice, volume)",
        ),
        ("[sound]\nvolume = 3\n", ":1: unknown section 'sound'"),
        (
            "[report]\ntarget_per_week = 0\n",
            ":2: report.target_per_week: expected a whole number from 1 to 21, found 0",
        ),
        (
            '[audio]\n[report]\ntarget_per_week = "daily"\n',
            ":3: report.target_per_week: expected a whole number from 1 to 21, found 'daily'",
        ),
        ("[report]\ntarget = 5\n", ":2: report.target: unknown setting (known: target_per_week)"),
        (
            '[display]\nlayout = "floor"\n',
            ":2: display.layout: expected one of standard, mat, found 'floor'",
        ),
        ("[display]\nsize = 3\n", ":2: display.size: unknown setting (known: layout)"),
        ("audio = 3\n", ":1: audio: expected a [audio] table"),
        ("[audio\n", "config.toml: Expected ']'"),
    ],
)
def test_each_mistake_is_one_line_naming_file_line_and_field(tmp_path, text, message):
    path = tmp_path / "config.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert message in str(caught.value)
    assert str(caught.value).startswith(str(path))
    assert "\n" not in str(caught.value)


def test_the_report_target_is_read(tmp_path):
    path = tmp_path / "config.toml"
    assert load_config(path).report == ReportSettings(None)
    path.write_text("[report]\ntarget_per_week = 5\n")
    assert load_config(path).report == ReportSettings(5)


def test_a_bad_config_stops_the_app_with_one_line(capsys):
    path = config_path()
    path.parent.mkdir(parents=True)
    path.write_text("[audio]\nvolume = -1\n")
    assert cli.main(["run", "goodrx-runners-knee"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"kneecoach: {path}:2: audio.volume") and err.count("\n") == 1


def test_command_line_options_win_over_the_file(tmp_path):
    path = config_path()
    path.parent.mkdir(parents=True)
    path.write_text('[audio]\nbackend = "bell"\nvolume = 30\nvoice = false\n')
    options = LaunchOptions(session="goodrx-runners-knee", data_dir=tmp_path)
    assert prepare(options).audio == AudioSettings("bell", 30, "off")
    given = replace(options, audio="off", volume=70, voice="cues")
    assert prepare(given).audio == AudioSettings("off", 70, "cues")


@pytest.mark.parametrize(
    ("argv", "level"),
    [
        ([], None),
        (["--voice", "off"], "off"),
        (["--voice", "cues"], "cues"),
        (["--voice", "coach"], "coach"),
        (["--no-voice"], "off"),
        (["--no-voice", "run", "goodrx-runners-knee", "--voice", "cues"], "cues"),
    ],
)
def test_voice_levels_on_the_command_line(argv, level):
    from kneecoach.cli.parser import parse

    args = parse(argv if "run" in argv else [*argv, "run", "goodrx-runners-knee"])
    assert args.voice == level


def test_an_unknown_voice_level_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as caught:
        cli.main(["run", "goodrx-runners-knee", "--voice", "loud"])
    assert caught.value.code == 2
    assert "invalid choice: 'loud'" in capsys.readouterr().err


@pytest.mark.parametrize("value", ["101", "-1", "loud"])
def test_a_bad_volume_is_a_usage_error(value, capsys):
    with pytest.raises(SystemExit) as caught:
        cli.main(["run", "goodrx-runners-knee", "--volume", value])
    assert caught.value.code == 2
    assert "volume" in capsys.readouterr().err


def test_progression_settings_are_checked_and_used(capsys):
    path = config_path()
    path.parent.mkdir(parents=True)
    path.write_text("[progression]\nsafe_pain = 1\nsteps = { reps = 0 }\n")
    assert cli.main(["plan", "goodrx-runners-knee"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"kneecoach: {path}:3: progression.steps.reps: must be a whole number")
    path.write_text("[progression]\nworkouts_to_progress = 1\n")
    assert cli.main(["plan", "goodrx-runners-knee"]) == 0


def test_the_layout_from_the_command_line_the_key_or_the_file(tmp_path):
    """--layout wins; else the one last chosen with `l`; else config.toml's."""
    from kneecoach.services.display import FileLayout

    options = LaunchOptions(session="goodrx-runners-knee", data_dir=tmp_path)
    assert prepare(options).display.layout == "standard"
    path = config_path()
    path.parent.mkdir(parents=True)
    path.write_text('[display]\nlayout = "mat"\n')
    assert load_config(path).display.layout == "mat"
    assert prepare(options).display.layout == "mat"
    FileLayout(tmp_path).remember("standard")
    assert prepare(options).display.layout == "standard"
    assert prepare(replace(options, layout="mat")).display.layout == "mat"


def test_layout_on_the_command_line_reaches_the_app(monkeypatch, tmp_path):
    seen = {}

    def launch(options, theme=None):
        seen["layout"] = options.layout
        raise SystemExit(0)

    monkeypatch.setattr("kneecoach.ui.app.launch_app", launch)
    with pytest.raises(SystemExit):
        cli.main(["--data-dir", str(tmp_path), "run", "goodrx-runners-knee", "--layout", "mat"])
    assert seen == {"layout": "mat"}
    with pytest.raises(SystemExit) as caught:
        cli.main(["run", "goodrx-runners-knee", "--layout", "floor"])
    assert caught.value.code == 2
