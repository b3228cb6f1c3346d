"""Hand-made workouts and steps, and the code other processes run in the store tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from kneecoach.store.records import LoggedStep, LoggedWorkout

T0 = datetime(2024, 5, 6, 7, 30, tzinfo=UTC)  # a Monday


def step(
    index: int = 0,
    kind: str = "hold",
    exercise: str = "wall-sit",
    outcome: str = "done",
    *,
    seconds: float = 10.0,
    actual: float | None = None,
    part: str | None = None,
    side: str | None = None,
    set: int | None = 1,
    rep: int | None = 1,
    pauses: int = 0,
) -> LoggedStep:
    return LoggedStep(
        index=index,
        kind=kind,
        exercise=exercise,
        planned_seconds=seconds,
        actual_seconds=seconds if actual is None else actual,
        outcome=outcome,
        part=part,
        side=side,
        set=set,
        rep=rep,
        pauses=pauses,
    )


def workout(
    started_at: datetime = T0,
    steps: tuple[LoggedStep, ...] | None = None,
    *,
    id: str | None = None,
    speed: float = 1.0,
    status: str = "completed",
    pain_before: int | None = None,
    pain_after: int | None = None,
    session: str = "demo",
) -> LoggedWorkout:
    return LoggedWorkout(
        id=id or f"w-{started_at:%Y%m%d%H%M%S}-{speed:g}",
        session=session,
        title="Demo",
        started_at=started_at,
        ended_at=started_at + timedelta(minutes=20),
        status=status,
        speed=speed,
        pain_before=pain_before,
        pain_after=pain_after,
        steps=(step(),) if steps is None else steps,
    )


def write_concurrently(
    folder: str, label: str, steps: int, barrier: object, results: object
) -> None:
    """One of two processes writing a workout at the same time, through LogWriter."""
    from kneecoach.store.log import WorkoutLog
    from kneecoach.store.writer import LogWriter

    errors: list[str] = []
    barrier.wait()  # type: ignore[attr-defined]  # open the new log at the same time
    try:
        log = WorkoutLog(Path(folder))
    except Exception as error:  # noqa: BLE001 - reported to the test, which fails
        results.put((label, "", False, [f"{type(error).__name__}: {error}"]))  # type: ignore[attr-defined]
        barrier.abort()  # type: ignore[attr-defined]
        return
    writer = LogWriter(log, on_error=errors.append)
    barrier.wait()  # type: ignore[attr-defined]  # both open: now write at the same time
    workout_id = writer.start_workout(label, label, "hash")
    for index in range(steps):
        writer.record_step(workout_id, step(index, rep=index + 1))
    writer.finish_workout(workout_id, "completed")
    drained = writer.close(timeout=60)
    log.close()
    results.put((label, workout_id, drained, errors))  # type: ignore[attr-defined]
