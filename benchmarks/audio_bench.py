"""Cue latency: from an engine event to the call that hands its sound to the device.

Runs the GoodRx session through the engine (fake clock, no real waiting), feeds
the events of each moment that has a cue to a ``CueListener`` with the real
simpleaudio player, and times from the first event's hand-over until
``simpleaudio.play_buffer`` is entered. ALSA plays into its ``null`` device (this
machine has no sound card; ALSA_CONFIG_PATH is set for this process only).

The baseline, measured in the same run, is the hand-over itself: how long one
``play_buffer`` call on a ready buffer takes (opening the device, starting its
thread). Our latency should be small beside it: whatever we add before the call.

    python benchmarks/audio_bench.py [--cues 200] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NULL_DEVICE = "</usr/share/alsa/alsa.conf>\npcm.!default { type null }\n"
TARGET_MS = 5.0


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def cue_moments(count: int) -> list[list[object]]:
    """The first ``count`` moments of the session that have a cue, with their workout."""
    from kneecoach.audio import SoundBank
    from kneecoach.audio.cues import CueChooser, moments
    from kneecoach.engine import Workout, build_plan, load_session
    from kneecoach.settings.resources import shipped_dir

    session = load_session(shipped_dir("sessions") / "goodrx-runners-knee.yaml")
    bank = SoundBank([shipped_dir("sounds")])
    chooser = CueChooser(session, bank.has_voice)
    now = [0.0]
    workout = Workout(build_plan(session, dose="high"), clock=lambda: now[0])
    workout.start()
    found: list[list[object]] = []
    while len(found) < count and workout.state != "finished":
        for moment in moments(workout.tick().events):
            if chooser.choose(moment) is not None:
                found.append([workout, moment])
        now[0] += 0.25
    return found


def measure(count: int) -> tuple[list[float], list[float]]:
    """(latencies, hand-over times) in milliseconds for ``count`` cues."""
    import simpleaudio

    from kneecoach.audio import CueListener, SimpleaudioPlayer, SoundBank, sound_folders

    entered: list[float] = []
    handover: list[float] = []
    real_play = simpleaudio.play_buffer

    def timed_play(*args: object) -> object:
        entered.append(time.perf_counter())
        result = real_play(*args)
        handover.append((time.perf_counter() - entered[-1]) * 1000)
        return result

    simpleaudio.play_buffer = timed_play
    try:
        player = SimpleaudioPlayer()
        listener = CueListener(SoundBank(sound_folders(None)), player)
        work = cue_moments(count)
        listener.prepare([work[0][0].plan.session])  # as the app does at start-up
        latencies: list[float] = []
        for workout, moment in work:
            started = time.perf_counter()
            for event in moment:
                listener.handle(event, workout, muted=False)
            listener.flush(workout, muted=False)
            latencies.append((entered[-1] - started) * 1000)
            player.wait()
        player.close()
    finally:
        simpleaudio.play_buffer = real_play
    return latencies, handover


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cues", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    config = Path(tempfile.mkdtemp()) / "asound.conf"
    config.write_text(NULL_DEVICE)
    os.environ["ALSA_CONFIG_PATH"] = str(config)
    try:
        import simpleaudio  # noqa: F401
    except ImportError:
        print("simpleaudio is not installed: pip install -e '.[audio]'", file=sys.stderr)
        return 2

    medians, p99s, base_medians = [], [], []
    for _ in range(args.runs):
        latencies, handover = measure(args.cues)
        medians.append(statistics.median(latencies))
        p99s.append(percentile(latencies, 0.99))
        base_medians.append(statistics.median(handover))
    median, p99, base = (statistics.median(v) for v in (medians, p99s, base_medians))
    print(
        f"cue latency over {args.cues} cues, median of {args.runs} runs (Python {sys.version.split()[0]})"
    )
    print()
    print("metric                                   value    target   result")
    print("---------------------------------------  -------  -------  ------")
    for name, value in (
        ("event -> play_buffer, median", median),
        ("event -> play_buffer, 99th pct", p99),
    ):
        verdict = "PASS" if value < TARGET_MS else "FAIL"
        print(f"{name:<39}  {value:5.2f} ms  < {TARGET_MS:g} ms   {verdict}")
    print(f"{'baseline: one play_buffer call, median':<39}  {base:5.2f} ms")
    print(f"{'latency / baseline (median)':<39}  {median / base:5.2f}x")
    return 0 if p99 < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
