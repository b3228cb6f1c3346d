"""The log's schema, one migration per version: ``ALL_MIGRATIONS[n]`` takes a log
from version n to n + 1 (``schema.migrate`` runs each in its own transaction).
Adding a table later is one more function at the end of the list."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]


def _statements(*sql: str) -> Migration:
    def run(connection: sqlite3.Connection) -> None:
        for statement in sql:
            connection.execute(statement)

    return run


# Version 1: workouts and their steps. ``done_steps`` is kept by a trigger so that
# the history screen can tell an empty workout from a real one without reading
# 400,000 steps; ``workout_doses`` is kept by another, for the same reason (charting
# doses from the steps themselves takes ~0.5 s over ten years of workouts).
# ``last_step_at`` (same trigger) dates a workout whose process was killed.
_V1 = _statements(
    """
    CREATE TABLE workouts (
        id TEXT PRIMARY KEY,
        session TEXT NOT NULL,
        title TEXT NOT NULL,
        session_hash TEXT NOT NULL DEFAULT '',
        started_at TEXT NOT NULL,
        ended_at TEXT,
        speed REAL NOT NULL DEFAULT 1 CHECK (speed > 0),
        status TEXT NOT NULL DEFAULT 'in progress' CHECK (status IN
            ('in progress', 'completed', 'finished early', 'interrupted')),
        pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10),
        pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10),
        note TEXT NOT NULL DEFAULT '',
        morning_after_pain INTEGER CHECK (morning_after_pain BETWEEN 0 AND 10),
        morning_after_asked INTEGER NOT NULL DEFAULT 0,
        resumable INTEGER NOT NULL DEFAULT 1,
        resumes TEXT REFERENCES workouts (id),
        owner TEXT NOT NULL DEFAULT '',
        done_steps INTEGER NOT NULL DEFAULT 0,
        last_step_at TEXT
    )
    """,
    "CREATE INDEX workouts_by_start ON workouts (started_at)",
    "CREATE INDEX workouts_by_session ON workouts (session, started_at)",
    """
    CREATE TABLE steps (
        id INTEGER PRIMARY KEY,
        workout_id TEXT NOT NULL REFERENCES workouts (id) ON DELETE CASCADE,
        step_index INTEGER NOT NULL,
        kind TEXT NOT NULL,
        exercise TEXT NOT NULL,
        part TEXT,
        side TEXT,
        set_number INTEGER,
        rep INTEGER,
        planned_seconds REAL NOT NULL,
        actual_seconds REAL NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('done', 'skipped', 'cut short', 'extended')),
        pauses INTEGER NOT NULL DEFAULT 0
    )
    """,
    "CREATE INDEX steps_by_workout ON steps (workout_id)",
    """
    CREATE TRIGGER steps_count_done AFTER INSERT ON steps
    BEGIN
        UPDATE workouts SET
            last_step_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
            done_steps = done_steps + (NEW.kind IN ('timed', 'hold', 'rep')
                                       AND NEW.outcome IN ('done', 'extended'))
        WHERE id = NEW.workout_id;
    END
    """,
    """
    CREATE TABLE workout_doses (
        workout_id TEXT NOT NULL REFERENCES workouts (id) ON DELETE CASCADE,
        exercise TEXT NOT NULL,
        part TEXT NOT NULL DEFAULT '',
        hold_seconds REAL,
        reps INTEGER NOT NULL,
        sets INTEGER NOT NULL,
        PRIMARY KEY (workout_id, exercise, part)
    ) WITHOUT ROWID
    """,
    # The dose one exercise (or part) reached in one workout, recomputed from that
    # workout's steps of that exercise whenever one is done: the longest hold done,
    # the most distinct reps done in one set (of one side), and how many distinct
    # set numbers had a rep done. kneecoach.services.history.dose_records says the same in Python.
    """
    CREATE TRIGGER steps_update_dose AFTER INSERT ON steps
    WHEN NEW.kind IN ('hold', 'rep') AND NEW.outcome IN ('done', 'extended')
    BEGIN
        INSERT OR REPLACE INTO workout_doses
            (workout_id, exercise, part, hold_seconds, reps, sets)
        SELECT NEW.workout_id, NEW.exercise, coalesce(NEW.part, ''),
               max(hold), max(reps), count(DISTINCT set_number)
        FROM (
            SELECT set_number, count(DISTINCT rep) AS reps,
                   max(CASE WHEN kind = 'hold' THEN actual_seconds END) AS hold
            FROM steps
            WHERE workout_id = NEW.workout_id AND exercise = NEW.exercise
              AND part IS NEW.part AND kind IN ('hold', 'rep')
              AND outcome IN ('done', 'extended')
            GROUP BY side, set_number
        );
    END
    """,
)

# Version 2: doses set by hand (`kneecoach dose`), one row per change; a reset row
# (all numbers NULL, reset = 1) hands the exercise back to the progression rule.
_V2 = _statements(
    """
    CREATE TABLE manual_doses (
        id INTEGER PRIMARY KEY,
        session TEXT NOT NULL,
        unit TEXT NOT NULL,
        set_at TEXT NOT NULL,
        hold_seconds REAL,
        reps INTEGER,
        sets INTEGER,
        reset INTEGER NOT NULL DEFAULT 0
    )
    """,
    "CREATE INDEX manual_doses_by_session ON manual_doses (session, set_at)",
)


# Version 3: one workout is one row, whatever happens to it. A resumed workout
# carries on its own row (``away_seconds`` keeps the time it stood interrupted out
# of its length), so the pairs that earlier versions logged (an interrupted row and
# the row that "resumes" it) are merged into the first. Steps keep the moment they
# ended (``ended_at``, so a step saved late, after a storage fault, is still dated
# right) and their order in the workout (``seq``, so a write retried or imported
# twice is recognised). ``recoveries`` names the recovery files already imported.
def _v3(connection: sqlite3.Connection) -> None:
    for statement in (
        "ALTER TABLE workouts ADD COLUMN away_seconds REAL NOT NULL DEFAULT 0",
        "ALTER TABLE steps ADD COLUMN seq INTEGER",
        "ALTER TABLE steps ADD COLUMN ended_at TEXT",
        "DROP TRIGGER steps_count_done",
        """
        CREATE TRIGGER steps_count_done AFTER INSERT ON steps
        BEGIN
            UPDATE workouts SET
                last_step_at = coalesce(NEW.ended_at, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
                done_steps = done_steps + (NEW.kind IN ('timed', 'hold', 'rep')
                                           AND NEW.outcome IN ('done', 'extended'))
            WHERE id = NEW.workout_id;
        END
        """,
        "CREATE TABLE recoveries (id TEXT PRIMARY KEY, imported_at TEXT NOT NULL)",
    ):
        connection.execute(statement)
    merged: dict[str, str] = {}  # a row merged away -> the row it went into
    pairs = connection.execute(
        "SELECT id, resumes FROM workouts WHERE resumes IS NOT NULL ORDER BY started_at, rowid"
    ).fetchall()
    for child, parent in pairs:
        into = merged.get(parent, parent)
        if connection.execute("SELECT 1 FROM workouts WHERE id = ?", (into,)).fetchone():
            merge_workouts(connection, child, into)
            merged[child] = into


def merge_workouts(connection: sqlite3.Connection, child: str, into: str) -> None:
    """Fold ``child`` (a run that carried on ``into``) into ``into``: its steps, how
    it ended, the answers given after it; the time between them is ``away``."""
    connection.execute("UPDATE steps SET workout_id = ? WHERE workout_id = ?", (into, child))
    (status, ended_at, owner, resumable, done, last_step, pain_before, pain_after, note,
     morning, asked, away, started) = connection.execute(
        "SELECT status, ended_at, owner, resumable, done_steps, last_step_at, pain_before,"
        " pain_after, note, morning_after_pain, morning_after_asked, away_seconds, started_at"
        " FROM workouts WHERE id = ?",
        (child,),
    ).fetchone()  # fmt: skip
    connection.execute(
        """
        UPDATE workouts SET
            status = ?, ended_at = ?, owner = ?, resumable = ?, done_steps = done_steps + ?,
            last_step_at = coalesce(?, last_step_at),
            pain_before = coalesce(pain_before, ?), pain_after = coalesce(?, pain_after),
            note = trim(note || ' ' || ?),
            morning_after_pain = coalesce(?, morning_after_pain),
            morning_after_asked = max(morning_after_asked, ?),
            away_seconds = away_seconds + ? + max(0, round(
                (julianday(?) - julianday(coalesce(ended_at, ?))) * 86400))
        WHERE id = ?
        """,
        (status, ended_at, owner, resumable, done, last_step, pain_before, pain_after, note,
         morning, asked, away, started, started, into),
    )  # fmt: skip
    connection.execute("UPDATE workouts SET resumes = ? WHERE resumes = ?", (into, child))
    connection.execute("DELETE FROM workout_doses WHERE workout_id IN (?, ?)", (child, into))
    connection.execute(
        """
        INSERT INTO workout_doses (workout_id, exercise, part, hold_seconds, reps, sets)
        SELECT ?, exercise, part, max(hold), max(reps), count(DISTINCT set_number)
        FROM (
            SELECT exercise, coalesce(part, '') AS part, set_number,
                   count(DISTINCT rep) AS reps,
                   max(CASE WHEN kind = 'hold' THEN actual_seconds END) AS hold
            FROM steps
            WHERE workout_id = ? AND kind IN ('hold', 'rep') AND outcome IN ('done', 'extended')
            GROUP BY exercise, coalesce(part, ''), side, set_number
        )
        GROUP BY exercise, part
        """,
        (into, into),
    )
    connection.execute("DELETE FROM workouts WHERE id = ?", (child,))


# Version 4: when to stop. ``pain_choice``: what the person chose for this workout
# when their pain brought up the when-to-stop dialog (before it, or at start-up
# the morning after the last one): a gentler workout at the lowest dose, stop for
# today (the workout is logged, with its pain score and nothing done), or go on.
# ``morning_after_choice``: the same, chosen after this workout's morning-after
# answer. ``sharp_pain``: the moments a person reported sharp pain during a
# workout (the "o" key), on which exercise and side; the step it was in.
_V4 = _statements(
    "ALTER TABLE workouts ADD COLUMN pain_choice TEXT"
    " CHECK (pain_choice IN ('gentler', 'stop', 'go on'))",
    "ALTER TABLE workouts ADD COLUMN morning_after_choice TEXT"
    " CHECK (morning_after_choice IN ('gentler', 'stop', 'go on'))",
    """
    CREATE TABLE sharp_pain (
        workout_id TEXT NOT NULL REFERENCES workouts (id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        exercise TEXT NOT NULL,
        part TEXT NOT NULL DEFAULT '',
        side TEXT,
        step_index INTEGER NOT NULL,
        PRIMARY KEY (workout_id, at, exercise, part)
    ) WITHOUT ROWID
    """,
)

# Version 5: each exercise's tally per workout, kept as steps are logged, so that a
# report over ten years reads ~25,000 rows instead of grouping ~400,000 steps.
# A step logged again (the same ``step_index``, after going back) replaces the
# earlier one: only the latest row of each step counts. ``done``, ``cut_short`` and
# ``skipped`` count the holds and reps; ``hold_seconds`` is the longest hold planned,
# ``reps`` and ``sets`` the highest rep and set numbers, ``sides`` how many sides
# (a one-sided exercise counts one). ``kneecoach.store.doses`` reads it.
TALLY_COLUMNS = """
    sum(kind IN ('hold', 'rep') AND outcome IN ('done', 'extended')),
    sum(kind IN ('hold', 'rep') AND outcome = 'cut short'),
    sum(kind IN ('hold', 'rep') AND outcome = 'skipped'),
    max(CASE WHEN kind = 'hold' THEN planned_seconds END),
    max(rep), max(set_number), count(DISTINCT coalesce(side, ''))
"""
_V5 = _statements(
    """
    CREATE TABLE workout_tallies (
        workout_id TEXT NOT NULL REFERENCES workouts (id) ON DELETE CASCADE,
        exercise TEXT NOT NULL,
        part TEXT NOT NULL DEFAULT '',
        done INTEGER NOT NULL,
        cut_short INTEGER NOT NULL,
        skipped INTEGER NOT NULL,
        hold_seconds REAL,
        reps INTEGER,
        sets INTEGER,
        sides INTEGER NOT NULL,
        PRIMARY KEY (workout_id, exercise, part)
    ) WITHOUT ROWID
    """,
    f"""
    CREATE TRIGGER steps_update_tally AFTER INSERT ON steps
    WHEN NEW.kind != 'timed'
    BEGIN
        INSERT OR REPLACE INTO workout_tallies
            (workout_id, exercise, part, done, cut_short, skipped, hold_seconds, reps,
             sets, sides)
        SELECT NEW.workout_id, NEW.exercise, coalesce(NEW.part, ''), {TALLY_COLUMNS}
        FROM steps
        WHERE id IN (
            SELECT max(id) FROM steps
            WHERE workout_id = NEW.workout_id AND exercise = NEW.exercise
              AND part IS NEW.part
            GROUP BY step_index
        ) AND kind != 'timed';
    END
    """,
    f"""
    INSERT INTO workout_tallies
        (workout_id, exercise, part, done, cut_short, skipped, hold_seconds, reps, sets,
         sides)
    SELECT workout_id, exercise, coalesce(part, ''), {TALLY_COLUMNS}
    FROM steps
    WHERE id IN (SELECT max(id) FROM steps GROUP BY workout_id, step_index)
      AND kind != 'timed'
    GROUP BY workout_id, exercise, coalesce(part, '')
    """,
)

ALL_MIGRATIONS: tuple[Migration, ...] = (_V1, _V2, _v3, _V4, _V5)
