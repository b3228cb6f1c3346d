"""What the screen itself does for a cue, from any thread: a notice, the bell, a
flash. A sound player calls them from its watcher thread, the log's writer from
its own; each is handed to the UI thread. ``cue_listener`` builds the engine
events' listener that plays the sounds, with these as its fallbacks.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.app import App

if TYPE_CHECKING:
    from kneecoach.engine.listeners import EventListener
    from kneecoach.settings.config import VoiceLevel


class ScreenCues:
    def __init__(self, app: App[Any]) -> None:
        self.app = app

    def say(self, message: str) -> None:
        """A notification for the person, from any thread (a sound backend failing)."""
        from kneecoach.ui.literal import as_markup

        text = as_markup(message)  # an error's text may quote a file or a device name
        self.from_any_thread(lambda: self.app.notify(text, severity="warning", timeout=6))

    def ring(self) -> None:
        self.from_any_thread(self.app.bell)

    def flash(self) -> None:
        """A visual cue: the screen lights up briefly (the bell's partner)."""
        app = self.app

        def light() -> None:
            screen = app.screen
            screen.add_class("-cue-flash")
            app.set_timer(0.25, lambda: screen.remove_class("-cue-flash"))

        self.from_any_thread(light)

    def from_any_thread(self, action: Callable[[], object]) -> None:
        """Run ``action`` now on the UI thread, or hand it there from a player's
        watcher thread or the log's writer."""
        if self.app._thread_id == threading.get_ident():
            action()
        else:
            self.app.call_from_thread(action)


def cue_listener(cues: ScreenCues, mode: str, volume: int, voice: VoiceLevel) -> EventListener:
    """Sounds for ``--audio`` ``mode`` (not "off"), falling back on ``cues``."""
    from kneecoach.audio import CueListener, SoundBank, make_player, sound_folders
    from kneecoach.settings.paths import voices_cache_dir

    player = make_player(mode, ring=cues.ring, flash=cues.flash, notify=cues.say)
    cache = voices_cache_dir()
    bank = SoundBank(sound_folders(cache), volume=volume)
    return CueListener(bank, player, voice=voice, voices_cache=cache)
