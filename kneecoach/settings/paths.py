"""The user's folders, computed only when asked for.

platformdirs decides (and honours XDG_CONFIG_HOME / XDG_DATA_HOME on Linux);
``--data-dir`` on the command line overrides the data folder. Nothing here runs at
import time, so a command that needs no folder never touches the disk for one.
"""

from __future__ import annotations

from pathlib import Path

APP_NAME = "kneecoach"


def config_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir(override: str | Path | None = None) -> Path:
    if override is not None:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_sessions_dir() -> Path:
    return config_dir() / "sessions"


def voices_cache_dir() -> Path:
    """Spoken names rendered on this machine for sessions that ship none."""
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "voices"


def recovery_dirs() -> list[Path]:
    """Where writes the log could not take are kept when the data folder takes none
    either: the cache folder, then the temporary folder (often another disk)."""
    import os
    import tempfile

    import platformdirs

    cache = Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "recovery"
    user = os.getuid() if hasattr(os, "getuid") else os.getlogin()
    return [cache, Path(tempfile.gettempdir()) / f"{APP_NAME}-{user}"]
