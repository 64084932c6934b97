"""Files the user names on the command line or in the app: writing outputs, checking inputs.

Writing: a regular file (or a new one) is replaced atomically, so a reader never sees half
an export; a symlink is written through to its target; a device, FIFO or other special
file is written in place (renaming over /dev/null would replace the device); ``-`` is
standard output. New files get the user's umask; an existing file keeps its mode.

Reading: anything that is not a regular file is refused before it is opened (a FIFO with
no writer would block, /dev/zero never ends), and at most ``limit + 1`` bytes are read.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import io
import os
import secrets
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from annotator.core.errors import InputError
from annotator.core.terminal import safe_output

STDIO = "-"
TEMP_MARK = ".annotator-tmp"  # in every temp file name, so leftovers are recognisable


def write_output(target: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` as UTF-8 to ``target`` (a path, or ``-`` for standard output)."""
    if os.fspath(target) == STDIO:
        if sys.stdout.isatty():  # a pipe or a file gets the exact bytes
            text, shown = safe_output(text)
            if shown:
                print(
                    f"annotator: {shown} control character(s) in the output are shown "
                    "escaped (\\x1b) on the terminal; use -o FILE or a pipe for the exact "
                    "text",
                    file=sys.stderr,
                )
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_binary_output(target, text.encode("utf-8"))


def write_binary_output(target: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``target`` as ``write_output`` does; never to a terminal."""
    with output_file(target, binary=True) as fh:
        fh.write(data)


@contextlib.contextmanager
def output_file(target: str | os.PathLike[str], *, binary: bool = False) -> Iterator[IO[bytes]]:
    """A file to write an export into piece by piece (a large export is never held whole),
    put in place as ``write_output`` puts a text: a regular file is a temp file beside it,
    renamed over it only when the block ends without an error (an error leaves the old file
    and no temp file); a device or FIFO is written in place; ``-`` is standard output, and a
    terminal gets a text with its control characters shown escaped, never ``binary`` bytes.
    """
    if os.fspath(target) == STDIO:
        if sys.stdout.isatty():
            if binary:
                raise InputError(
                    "is a binary file, not for a terminal",
                    where="standard output",
                    hint="give -o FILE, or send it through a pipe",
                )
            buf = io.BytesIO()
            yield buf
            write_output(STDIO, buf.getvalue().decode("utf-8"))
            return
        sys.stdout.flush()
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    where = os.fspath(target)
    path = Path(os.path.realpath(target)) if os.path.islink(target) else Path(target)
    try:
        st: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as err:  # a symlink loop, a path through a non-folder...
        raise _write_error(where, err) from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise InputError("is a folder", where=where, hint="give a file name")
    if st is not None and not stat.S_ISREG(st.st_mode):
        with _in_place(path, where) as fh:
            yield fh
    else:
        with _replacing(path, where, None if st is None else stat.S_IMODE(st.st_mode)) as fh:
            yield fh


@contextlib.contextmanager
def _in_place(path: Path, where: str) -> Iterator[IO[bytes]]:
    """A device, FIFO or socket-like file: open it and write, never rename over it.

    A FIFO nobody reads would block the export for ever: it is opened without waiting
    (ENXIO when no reader is there) and then written at the reader's pace.
    """
    flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as err:
        if err.errno == errno.ENXIO:
            raise InputError(
                "is a pipe (FIFO) that no program is reading",
                where=where,
                hint="start the program that reads it first, or write to a file",
            ) from None
        raise _write_error(where, err) from None
    try:
        os.set_blocking(fd, True)
        with os.fdopen(fd, "wb") as fh:
            fd = -1
            yield fh
    except OSError as err:
        raise _write_error(where, err) from None
    finally:
        if fd >= 0:
            os.close(fd)


@contextlib.contextmanager
def _replacing(path: Path, where: str, mode: int | None) -> Iterator[IO[bytes]]:
    """Temp file beside the target, fsync, rename; the temp file never outlives a failure."""
    folder = path.parent
    tmp: Path | None = None
    try:
        tmp, fd = _create_temp(folder, path.name)
        with os.fdopen(fd, "wb", buffering=_BUFFER) as fh:
            if mode is not None:
                os.fchmod(fh.fileno(), mode)  # the file we replace keeps its permissions
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as err:
        raise _write_error(where, err, folder_missing=not folder.is_dir()) from None
    finally:  # also on KeyboardInterrupt, and on any error of the writer's
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


_BUFFER = 1 << 20  # an export is written in many small pieces


def _create_temp(folder: Path, name: str) -> tuple[Path, int]:
    # O_EXCL with mode 0o666: the kernel applies the umask, as for any new file.
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    while True:
        tmp = folder / f".{name[:100]}.{secrets.token_hex(4)}{TEMP_MARK}"
        try:
            return tmp, os.open(tmp, flags, 0o666)
        except FileExistsError:
            continue


def _write_error(where: str, err: OSError, *, folder_missing: bool = False) -> InputError:
    """One line naming the file the user gave, never our temp file."""
    if folder_missing:
        return InputError(
            "cannot be written: the folder does not exist",
            where=where,
            hint="create the folder first or choose another place",
        )
    reason = err.strerror or type(err).__name__
    return InputError(
        f"cannot be written ({reason})",
        where=where,
        hint="check the folder's permissions and free space",
    )


def _kind(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO), not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file"
    return "not a regular file"


def check_input_file(path: str | os.PathLike[str], *, hint: str) -> os.stat_result:
    """Refuse a missing path or anything that is not a regular file, without opening it."""
    where = os.fspath(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError("no such file", where=where, hint="check the path and file name") from None
    except OSError as err:
        raise InputError(
            f"cannot be read ({err.strerror or err})",
            where=where,
            hint="check the path and the file's permissions",
        ) from None
    except ValueError as err:  # e.g. a NUL character inside the path itself
        raise InputError(
            f"is not a usable file name ({err})", where=repr(where), hint="check the path"
        ) from None
    kind = _kind(st.st_mode)
    if kind:
        raise InputError(f"is {kind}", where=where, hint=hint)
    return st


def describe_size(n: int) -> str:
    if n >= 1024**3:
        return f"{n / 1024**3:.1f} GB".replace(".0 GB", " GB")
    return f"{n / 1024**2:.0f} MB"


def read_bounded(
    path: str | os.PathLike[str],
    limit: int,
    *,
    hint: str,
    too_large_hint: str = "check it is the right file",
) -> bytes:
    """The bytes of a regular file no bigger than ``limit``; never reads more than limit+1."""
    where = os.fspath(path)
    check_input_file(path, hint=hint)
    too_large = InputError(
        f"file is too large (the limit is {describe_size(limit)})", where=where, hint=too_large_hint
    )
    try:
        # O_NONBLOCK: if the path became a FIFO since the check, opening still returns.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            kind = _kind(st.st_mode)
            if kind:
                raise InputError(f"is {kind}", where=where, hint=hint)
            if st.st_size > limit:
                raise InputError(
                    f"file is too large ({describe_size(st.st_size)}; the limit "
                    f"is {describe_size(limit)})",
                    where=where,
                    hint=too_large_hint,
                )
            data = fh.read(limit + 1)
    except OSError as err:
        raise InputError(
            f"cannot be read ({err.strerror or err})",
            where=where,
            hint="check the file's permissions",
        ) from None
    if len(data) > limit:  # the file grew, or its size was not reported
        raise too_large
    return data


def remove_leftover_temps(target: str | os.PathLike[str]) -> None:
    """Remove the temp files ``output_file`` left beside ``target`` when its writer was
    killed before it could (the window's export process, stopped or crashed)."""
    path = Path(target)
    for tmp in path.parent.glob(f".{glob.escape(path.name[:100])}.????????{TEMP_MARK}"):
        with contextlib.suppress(OSError):
            tmp.unlink()
