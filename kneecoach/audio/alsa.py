"""Keep alsa-lib's own error text off the screen.

alsa-lib prints its errors ("ALSA lib pcm.c:2666: Unknown PCM default") straight
to file descriptor 2, which is where Textual draws. Installing a handler that does
nothing, once, before anything opens a device, keeps the screen clean; the player
still gets the error as an exception and falls back.
"""

from __future__ import annotations

import ctypes
import ctypes.util

# void handler(const char *file, int line, const char *function, int err, const char *fmt, ...)
_HANDLER_TYPE = ctypes.CFUNCTYPE(
    None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p
)


def _ignore(file: bytes, line: int, function: bytes, err: int, fmt: bytes) -> None:
    pass


_handler = _HANDLER_TYPE(_ignore)  # kept alive for as long as the process runs
_installed = False


def quiet_alsa() -> bool:
    """Install the silent handler; False when there is no alsa-lib to quieten."""
    global _installed
    if _installed:
        return True
    name = ctypes.util.find_library("asound") or "libasound.so.2"
    try:
        library = ctypes.CDLL(name)
        library.snd_lib_error_set_handler(_handler)
    except (OSError, AttributeError):
        return False
    _installed = True
    return True
