"""A project's -wal as SQLite would see it, read from its header and first frame."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

WAL_MAGIC = (0x377F0682, 0x377F0683)  # the low bit says the checksums are big-endian
WAL_VERSION = 3007000


@dataclass(frozen=True)
class Wal:
    """What a -wal's first 32 bytes (and its first frame) say."""

    valid: bool  # magic, version and header checksum as SQLite writes them
    page_size: int = 0
    salts: tuple[int, int] = (0, 0)
    has_frames: bool = False  # the first frame belongs to this header: SQLite would replay it


def _checksum(data: bytes, big_endian: bool, s0: int = 0, s1: int = 0) -> tuple[int, int]:
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1


def read_wal(path: Path) -> Wal | None:
    """The project's -wal as SQLite would see it; None when there is none or it is empty."""
    wal = Path(f"{path}-wal")
    try:
        with wal.open("rb") as fh:
            head = fh.read(32)
            if not head:
                return None
            magic, version, page_size, _seq, salt1, salt2, c1, c2 = (
                struct.unpack(">8I", head) if len(head) == 32 else (0,) * 8
            )
            big = magic == WAL_MAGIC[1]
            if (
                magic not in WAL_MAGIC
                or version != WAL_VERSION
                or _checksum(head[:24], big) != (c1, c2)
            ):
                return Wal(valid=False)
            frame = fh.read(24 + page_size)
    except FileNotFoundError:
        return None
    has_frames = False
    if len(frame) == 24 + page_size:
        f_salts = struct.unpack(">II", frame[8:16])
        expected = struct.unpack(">II", frame[16:24])
        sums = _checksum(frame[24:], big, *_checksum(frame[:8], big, c1, c2))
        has_frames = f_salts == (salt1, salt2) and sums == expected
    return Wal(valid=True, page_size=page_size, salts=(salt1, salt2), has_frames=has_frames)
