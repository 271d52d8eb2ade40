"""DOCX to PDF with LibreOffice (``soffice --headless --convert-to pdf``), the layout a school's Word
gives: the PDF is what the director signs when the school prints from the browser.

Each conversion runs in one of ``slots`` LibreOffice profiles kept in a folder (the instance folder for
the web service): a warm profile converts a one-page order in a fraction of a second, and two
``soffice`` processes never share a profile. At most one conversion per slot runs at a time; a
conversion that hangs is stopped after :data:`TIMEOUT_S`.
"""

import os
import queue
import shutil
import subprocess
import tempfile
from pathlib import Path

#: Seconds one conversion may take (a cold first start of LibreOffice takes a few).
TIMEOUT_S = 90
#: Where LibreOffice is usually installed on Windows, when it is not on PATH.
WINDOWS_PATHS = (r"C:\Program Files\LibreOffice\program\soffice.exe",
                 r"C:\Program Files (x86)\LibreOffice\program\soffice.exe")


class PdfUnavailable(RuntimeError):
    """No PDF could be made; the message says why and what to do, in Russian."""


def find_soffice() -> str | None:
    """The LibreOffice executable: ``soffice`` or ``libreoffice`` on PATH, else the usual Windows
    places; None when there is none."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((path for path in WINDOWS_PATHS if os.path.exists(path)), None)


def pdf_name(docx_name: str) -> str:
    """«Приказ_219_от_11.01.2024.docx» → «Приказ_219_от_11.01.2024.pdf»."""
    return docx_name.removesuffix(".docx") + ".pdf"


class PdfConverter:
    """Converts DOCX bytes to PDF bytes; ``profiles`` is the folder of the LibreOffice profiles and
    ``slots`` how many conversions may run at once (one per CPU by default)."""

    def __init__(self, profiles: str | Path, slots: int | None = None):
        self.profiles = Path(profiles)
        self._free: queue.Queue[int] = queue.Queue()
        for slot in range(max(1, slots or os.cpu_count() or 1)):
            self._free.put(slot)

    def convert(self, docx: bytes) -> bytes:
        """The PDF of ``docx``. Raises :class:`PdfUnavailable` when LibreOffice is absent, fails or
        takes longer than :data:`TIMEOUT_S`."""
        soffice = find_soffice()
        if soffice is None:
            raise PdfUnavailable("PDF не сформирован: на сервере нет LibreOffice. Установите его (Debian: "
                                 "apt-get install libreoffice-writer-nogui fonts-liberation; Windows: "
                                 "libreoffice.org) или скачайте DOCX и напечатайте из Word.")
        slot = self._free.get()
        try:
            return self._run(soffice, slot, docx)
        finally:
            self._free.put(slot)

    def _run(self, soffice: str, slot: int, docx: bytes) -> bytes:
        profile = (self.profiles / f"profile-{slot}").resolve()
        with tempfile.TemporaryDirectory(prefix="nastavnik-pdf-") as work:
            source = Path(work) / "document.docx"
            source.write_bytes(docx)
            try:
                done = subprocess.run(
                    [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                     "--convert-to", "pdf", "--outdir", work, str(source)],
                    capture_output=True, timeout=TIMEOUT_S, check=False)
            except subprocess.TimeoutExpired:
                raise PdfUnavailable(f"PDF не сформирован: LibreOffice не ответил за {TIMEOUT_S} с. Повторите "
                                     "позже или скачайте DOCX.") from None
            result = Path(work) / "document.pdf"
            if done.returncode != 0 or not result.exists():
                raise PdfUnavailable("PDF не сформирован: LibreOffice не смог преобразовать документ. "
                                     "Скачайте DOCX и напечатайте из Word.")
            return result.read_bytes()
