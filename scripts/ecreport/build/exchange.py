"""Putting a new folder in the place of an old one in a single step, where the system allows it."""

from __future__ import annotations

import ctypes
import errno
import os
import sys
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 2


def _renameat2():
    """Linux's renameat2(2) (glibc 2.28 and later), or None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        call = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    call.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    call.restype = ctypes.c_int
    return call


_RENAMEAT2 = _renameat2()


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing folders atomically; False where the system cannot."""
    if _RENAMEAT2 is None:
        return False
    if _RENAMEAT2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL):      # a kernel or file system without the exchange
        return False
    raise OSError(code, os.strerror(code), str(b))


def replace_folder(new: Path, old: Path, spare: Path) -> None:
    """Put the folder ``new`` at ``old``; what was at ``old`` (if it held anything) ends up at ``new``.

    ``old`` always holds either its previous content or the new one: onto a missing or empty
    folder rename(2) is atomic (and fails, changing nothing, should the folder have filled up),
    and onto a full one renameat2(RENAME_EXCHANGE) swaps the two.
    """
    if not old.exists() or (old.is_dir() and not any(old.iterdir())):
        os.rename(new, old)
        return
    if exchange(new, old):
        return
    # Without the exchange (not Linux, an old kernel or a file system that lacks it) it takes two
    # renames, and this guarantee is lost: between them ``old`` does not exist, and a build killed
    # there leaves no site at --out (the previous one stays whole at ``spare``, the new one at ``new``;
    # the next build removes both and builds again).
    os.rename(old, spare)
    os.rename(new, old)
    os.rename(spare, new)
