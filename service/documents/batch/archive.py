"""The files a batch writes — its ZIP of documents and its print file — each complete or not at all."""

import contextlib
import os
import secrets
import zipfile
from pathlib import Path, PurePath


def _temporary(path: Path) -> Path:
    """A new hidden file beside ``path`` (on the same disk, so that it replaces ``path`` at once), with
    the permissions a new file of the user gets (``tempfile`` would make it private)."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.part")
    temporary.touch(exist_ok=False)
    return temporary


def write_whole(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that ``path`` never holds part of it."""
    temporary = _temporary(path)
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


class Archive:
    """The ZIP of a batch, written to disk document by document (memory stays flat however many there
    are) into a hidden file beside ``path`` that becomes ``path`` on :meth:`commit`; :meth:`discard`
    (an error, a cancelled batch) removes it, so ``path`` never holds half an archive. Members are
    stored, not compressed again: a DOCX is a ZIP already, a PDF compresses its own streams. Raises
    ``OSError`` when the folder of ``path`` cannot be written."""

    def __init__(self, path: Path):
        self.path = path
        self._temporary = _temporary(path)
        self._zip = zipfile.ZipFile(self._temporary, "w", zipfile.ZIP_STORED)
        # Names taken, in lower case (Windows opens «А.docx» and «а.docx» as one file), and the last
        # number given to each repeated name.
        self._taken: set[str] = set()
        self._numbers: dict[str, int] = {}

    def add(self, name: str, content: bytes) -> str:
        """Store ``content`` as ``name``; a name already taken gets «_2», «_3» … before its extension
        («Приказ_219_от_11.01.2024_2.docx»). Returns the name given."""
        wanted, path = name.lower(), PurePath(name)
        number = self._numbers.get(wanted, 1)
        while name.lower() in self._taken:
            number += 1
            name = f"{path.stem}_{number}{path.suffix}"
        self._numbers[wanted] = number
        self._taken.add(name.lower())
        self._zip.writestr(name, content)
        return name

    def commit(self) -> None:
        """Finish the archive and put it at ``path``."""
        self._zip.close()
        os.replace(self._temporary, self.path)

    def discard(self) -> None:
        """Drop the archive: nothing is left at ``path`` or beside it."""
        with contextlib.suppress(OSError):
            self._zip.close()
        self._temporary.unlink(missing_ok=True)
