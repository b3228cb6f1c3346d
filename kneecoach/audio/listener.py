"""Engine events in, sounds out: the audio side of the app's event seam.

The workout screen hands every event to ``handle`` and then calls ``flush`` once
per tick. Only the latest moment of a tick is heard: after a late tick (a busy
machine, a resumed laptop) cues for moments already past would only confuse.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

from kneecoach.audio.cues import TONES, Cue, CueChooser, moments
from kneecoach.audio.phrases import session_phrases
from kneecoach.audio.players import Player
from kneecoach.audio.sound import Sound, SoundBank, join
from kneecoach.audio.voices import render_missing
from kneecoach.engine import Event, Session, Workout
from kneecoach.settings.config import VoiceLevel


class CueListener:
    def __init__(
        self,
        bank: SoundBank,
        player: Player,
        *,
        voice: VoiceLevel = "coach",
        voices_cache: Path | None = None,
        timer: Callable[[], float] = time.perf_counter,
    ) -> None:
        self.bank = bank
        self.player = player
        self.voice = voice
        self.voices_cache = voices_cache
        self.timer = timer
        self.latencies: list[float] = []  # seconds from flush to the player's return
        self.last_cue = ""  # the key of the last cue played, for tests and the benchmark
        self._pending: list[Event] = []
        self._choosers: dict[str, CueChooser] = {}
        self._sounds: dict[str, Sound | None] = {}

    def prepare(self, sessions: Iterable[Session]) -> None:
        """Read every sound these sessions may need, rendering missing names.

        Run once at start-up, off the UI thread, so that no cue waits for a disk
        or for espeak-ng.
        """
        phrases = list(
            dict.fromkeys(p for session in sessions for p in session_phrases(session, self.voice))
        )
        self.bank.preload(TONES, phrases)
        if phrases and self.voices_cache is not None:
            render_missing(self.bank, phrases, self.voices_cache)

    def handle(self, event: Event, workout: Workout, *, muted: bool) -> None:
        if not muted:
            self._pending.append(event)

    def flush(self, workout: Workout, *, muted: bool) -> None:
        pending, self._pending = self._pending, []
        if muted or not pending:
            return
        started = self.timer()
        cue = self.chooser(workout.plan.session).choose(moments(pending)[-1])
        sound = self.sound(cue) if cue else None
        if sound is not None:
            self.player.play(sound)
            self.latencies.append(self.timer() - started)
            self.last_cue = sound.name

    def chooser(self, session: Session) -> CueChooser:
        chooser = self._choosers.get(session.id)
        if chooser is None or chooser.session is not session:
            chooser = CueChooser(session, self.bank.has_voice, self.voice)
            self._choosers[session.id] = chooser
        return chooser

    def sound(self, cue: Cue) -> Sound | None:
        """The frames of ``cue``, joined once and kept."""
        if cue.key not in self._sounds:
            parts = [
                self.bank.tone(part.name) if part.kind == "tone" else self.bank.voice(part.name)
                for part in cue.parts
            ]
            found = [part for part in parts if part is not None]
            self._sounds[cue.key] = join(cue.key, found) if found else None
        return self._sounds[cue.key]

    def stop(self) -> None:
        """Silence the cue now playing (the person muted)."""
        self.player.stop()

    def close(self) -> None:
        self.player.close()
