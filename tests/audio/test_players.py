"""The players and the fallback chain, with doubles where no device is needed."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest

from kneecoach.audio import (
    BellPlayer,
    CommandPlayer,
    FallbackPlayer,
    NullPlayer,
    PlayerError,
    RecordingPlayer,
    make_player,
)
from kneecoach.audio.players import find_command
from kneecoach.audio.sound import Sound, SoundBank, load_wav, slug

BEEP = Sound("tone:hold_start", bytes(range(200)) * 2)


class Broken(RecordingPlayer):
    name = "broken"

    def play(self, sound: Sound) -> None:
        raise PlayerError("broken: no device")


def test_the_chain_falls_back_once_and_says_so():
    notices: list[str] = []
    second = RecordingPlayer()
    chain = FallbackPlayer([Broken(), second], notices.append)
    chain.play(BEEP)
    chain.play(BEEP)
    assert second.played == [BEEP, BEEP]  # the first cue was not lost
    assert notices == ["Sound: broken: no device. Using recording instead."]
    assert chain.name == "recording"


def test_when_nothing_works_cues_go_quiet_with_one_notice():
    notices: list[str] = []
    chain = FallbackPlayer([Broken()], notices.append)
    chain.play(BEEP)
    chain.play(BEEP)
    assert len(notices) == 1 and "cues are off" in notices[0]
    assert isinstance(chain.current, NullPlayer)


def test_the_bell_marks_only_moments_that_need_eyes():
    rings: list[str] = []
    bell = BellPlayer(lambda: rings.append("ring"), lambda: rings.append("flash"))
    bell.play(Sound("tone:countdown", b""))
    bell.play(Sound("tone:rep_up", b""))
    assert rings == []
    bell.play(Sound("tone:exercise_done + tone:get_ready + voice:Next: Wall sit", b""))
    assert rings == []
    bell.play(Sound("tone:hold_start + voice:Hold", b""))
    bell.play(Sound("tone:session_done", b""))
    assert rings == ["ring", "flash", "ring", "flash"]


def fake_command(folder: Path, exit_status: int, log: Path) -> Path:
    """A stand-in for aplay: records the file it was given, exits as told."""
    script = folder / f"fakeplay{exit_status}"
    script.write_text(
        f"#!{sys.executable}\n"
        "import sys, shutil\n"
        f"shutil.copyfile(sys.argv[-1], {str(log)!r})\n"
        f"sys.stderr.write('fakeplay: cannot open device\\n')\n"
        f"sys.exit({exit_status})\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def test_the_command_player_hands_the_cue_over_as_a_wav(tmp_path):
    log = tmp_path / "given.wav"
    player = CommandPlayer([str(fake_command(tmp_path, 0, log))])
    player.play(BEEP)
    player.wait()
    assert load_wav(log).frames == BEEP.frames
    folder = player._folder
    player.close()
    assert not folder.exists()


def test_a_command_that_fails_later_moves_the_chain_on(tmp_path):
    notices: list[str] = []
    fallback = RecordingPlayer()
    failing = CommandPlayer([str(fake_command(tmp_path, 1, tmp_path / "x.wav"))])
    chain = FallbackPlayer([failing, fallback], notices.append)
    chain.play(BEEP)
    failing.watcher.join(timeout=10)
    assert notices == ["Sound: fakeplay1: fakeplay: cannot open device. Using recording instead."]
    assert fallback.played == [BEEP]  # replayed where it can be heard


def test_find_command_prefers_a_sound_server_only_when_one_runs():
    everything = {"pw-play", "paplay", "aplay", "afplay"}.__contains__
    which = lambda name: f"/usr/bin/{name}" if everything(name) else None
    assert find_command(which, server=True) == ("/usr/bin/pw-play",)
    assert find_command(which, server=False) == ("/usr/bin/aplay", "-q")
    assert find_command(
        lambda name: "/usr/bin/afplay" if name == "afplay" else None, server=False
    ) == ("/usr/bin/afplay",)
    assert find_command(lambda name: None, server=True) is None


def test_make_player_orders_backends_and_reports_a_missing_choice(monkeypatch):
    monkeypatch.setitem(sys.modules, "simpleaudio", None)  # as if the extra were not installed
    monkeypatch.setattr("kneecoach.audio.players.find_command", lambda: None)
    notices: list[str] = []
    auto = make_player("auto", ring=lambda: None, notify=notices.append)
    assert [p.name for p in auto.players] == ["bell"] and notices == []
    chosen = make_player("simpleaudio", ring=lambda: None, notify=notices.append)
    assert [p.name for p in chosen.players] == ["bell"]
    assert len(notices) == 1 and notices[0].startswith("Sound: simpleaudio is not installed")
    assert [p.name for p in make_player("bell", ring=print, notify=print).players] == ["bell"]
    assert [p.name for p in make_player("off", ring=print, notify=print).players] == ["off"]


def test_volume_scales_samples_once_when_read(tmp_path):
    loud = Sound("tone:x", (1000).to_bytes(2, "little", signed=True) * 10)
    loud.to_wav(tmp_path / "tone-x.wav")
    half = SoundBank([tmp_path], volume=50).tone("x")
    assert half is not None
    assert half.frames == (500).to_bytes(2, "little", signed=True) * 10
    assert SoundBank([tmp_path], volume=0).tone("x").frames == bytes(20)


def test_a_file_in_another_format_is_refused(tmp_path):
    import wave

    with wave.open(str(tmp_path / "tone-x.wav"), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(44100)
        out.writeframes(bytes(8))
    from kneecoach.audio.sound import SoundError

    with pytest.raises(SoundError, match="expected 16-bit mono 22050 Hz"):
        load_wav(tmp_path / "tone-x.wav")


def test_slug_matches_the_shipped_file_names():
    assert slug("Next: Step-up plus") == "next-step-up-plus"
    assert slug("Workout complete. Well done.") == "workout-complete-well-done"
