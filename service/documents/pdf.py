"""DOCX to PDF with LibreOffice, the layout a school's Word gives: the PDF is what the director signs when
the school prints from the browser.

Each of ``slots`` conversion slots (one per CPU) keeps a LibreOffice running: an unoserver process that
drives it over UNO, started on the slot's first conversion with the slot's own profile in the profiles
folder (the instance folder for the web service). A warm one converts a one-page order in about 0.15 s,
where a new ``soffice --convert-to pdf`` process takes 1–2 s. At most one conversion per slot runs at a
time, so no two LibreOffice processes share a profile. A server that died is started again on the slot's
next conversion; one that does not answer within :data:`TIMEOUT_S` is killed with its LibreOffice.

Without a Python that can import ``uno`` (Debian: ``apt-get install python3-uno``), on Windows, with
``resident=False`` or while a server fails to start, each conversion runs ``soffice --headless --convert-to
pdf`` instead. The servers stop on :meth:`PdfConverter.close`, when the converter is collected or at exit;
the server of a service that was killed stops by itself when its stdin closes.
"""

import contextlib
import functools
import http.client
import importlib.util
import logging
import math
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import weakref
import xmlrpc.client
from pathlib import Path

#: Seconds one conversion (or the start of a resident LibreOffice) may take.
TIMEOUT_S = 90
#: Documents per ``soffice --convert-to`` call of :meth:`PdfConverter.convert_many` without a resident server.
BATCH = 25
#: Seconds a slot whose server failed to start converts through ``soffice`` before it tries again.
RETRY_S = 600
#: Seconds LibreOffice gets to close its profile when its server stops, before it is killed.
STOP_S = 10
#: Where LibreOffice is usually installed on Windows, when it is not on PATH.
WINDOWS_PATHS = (r"C:\Program Files\LibreOffice\program\soffice.exe",
                 r"C:\Program Files (x86)\LibreOffice\program\soffice.exe")

log = logging.getLogger(__name__)

# The unoserver XML-RPC API whose ``convert`` takes the positional arguments of ``_Server.convert``.
_API = "3"
# The server's program: unoserver's own command line, plus a thread that kills the process group (the
# server and its LibreOffice) once stdin ends — the service that holds the other end exited or was killed.
_SERVE = """
import os, signal, sys, threading
def orphaned():
    sys.stdin.buffer.read()
    os.killpg(0, signal.SIGKILL)
threading.Thread(target=orphaned, daemon=True).start()
from unoserver.server import main
sys.exit(main())
"""
# What a connection to a server that died or hangs raises (a ``Fault`` is LibreOffice's own error).
_BROKEN = (OSError, http.client.HTTPException, xmlrpc.client.ProtocolError)


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


def _timed_out() -> PdfUnavailable:
    return PdfUnavailable(f"PDF не сформирован: LibreOffice не ответил за {TIMEOUT_S} с. Повторите позже "
                          "или скачайте DOCX.")


def _failed() -> PdfUnavailable:
    return PdfUnavailable("PDF не сформирован: LibreOffice не смог преобразовать документ. Скачайте DOCX и "
                          "напечатайте из Word.")


@functools.cache
def _server_python() -> tuple[str, dict[str, str]] | None:
    """A Python that can run unoserver's server, and its environment: this one when it imports ``uno``,
    else the system's (Debian's python3-uno is for ``/usr/bin/python3``) with this environment's unoserver,
    a pure-Python package, on its PYTHONPATH. None when there is none."""
    spec = importlib.util.find_spec("unoserver")
    if spec is None or spec.origin is None:
        return None
    site = str(Path(spec.origin).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (site, os.environ.get("PYTHONPATH"))))}
    for python in dict.fromkeys((sys.executable, "/usr/bin/python3", shutil.which("python3"))):
        if python and os.path.exists(python):
            with contextlib.suppress(OSError, subprocess.SubprocessError):
                if subprocess.run([python, "-c", "import unoserver.server"], env=env, capture_output=True,
                                  timeout=TIMEOUT_S, check=False).returncode == 0:
                    return python, env
    log.warning("Нет Python с модулем uno (Debian: apt-get install python3-uno): PDF делает отдельный "
                "запуск soffice, 1–2 с на документ.")
    return None


def _free_ports(count: int) -> list[int]:
    with contextlib.ExitStack() as stack:
        sockets = [stack.enter_context(socket.socket()) for _ in range(count)]
        for sock in sockets:  # all bound at once, so the ports differ
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]


class _Transport(xmlrpc.client.Transport):
    """XML-RPC over HTTP that gives up after :data:`TIMEOUT_S` (the standard one waits for ever)."""

    def make_connection(self, host):
        connection = super().make_connection(host)
        connection.timeout = TIMEOUT_S
        return connection


class _Server:
    """One slot's unoserver process, leader of a process group that holds its LibreOffice."""

    def __init__(self, python: str, env: dict[str, str], soffice: str, profile: Path, log_path: Path):
        port, uno_port = _free_ports(2)
        with open(log_path, "wb") as output:
            self.process = subprocess.Popen(
                [python, "-c", _SERVE, "--interface", "127.0.0.1", "--port", str(port),
                 "--uno-interface", "127.0.0.1", "--uno-port", str(uno_port), "--user-installation", str(profile),
                 "--executable", soffice, "--quiet"],
                stdin=subprocess.PIPE, stdout=output, stderr=output, env=env, start_new_session=True)
        self.proxy = xmlrpc.client.ServerProxy(f"http://127.0.0.1:{port}", _Transport(), allow_none=True)

    def ready(self) -> bool:
        """Wait until the server answers (unoserver waits 5 s before it starts listening, then for
        LibreOffice); False when it exits, speaks another API or takes longer than :data:`TIMEOUT_S`."""
        deadline = time.monotonic() + TIMEOUT_S
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                return self.proxy.info()["api"] == _API
            except ConnectionRefusedError:
                time.sleep(0.1)
            except (*_BROKEN, xmlrpc.client.Fault):
                return False
        return False

    def convert(self, docx: bytes) -> bytes:
        """The PDF of ``docx``; raises ``TimeoutError``, an error of :data:`_BROKEN` or ``Fault``."""
        # inpath, indata, outpath, convert_to, filtername, filter_options, update_index (an order has no
        # index to refresh; ``soffice --convert-to`` refreshes none either), infiltername, password.
        return self.proxy.convert(None, docx, None, "pdf", None, [], False, None, None).data

    def kill(self) -> None:
        """Stop the server and its LibreOffice at once (a hung LibreOffice ignores SIGTERM)."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.process.stdin.close()
        # A LibreOffice that still holds its profile would take the next one's start for its own; a killed
        # one is gone within milliseconds (or stays a zombie of init's for a while: hence the limit).
        deadline = time.monotonic() + 2
        with contextlib.suppress(ProcessLookupError, PermissionError):
            while time.monotonic() < deadline:
                os.killpg(self.process.pid, 0)
                time.sleep(0.02)


def _stop(servers: dict[int, _Server]) -> None:
    """Stop every server of ``servers`` (emptied), all at once: they get :data:`STOP_S` together."""
    stopping = [server for server in (servers.pop(slot, None) for slot in list(servers)) if server]
    for server in stopping:
        server.process.terminate()  # unoserver hands it on to LibreOffice, which closes its profile and exits
    deadline = time.monotonic() + STOP_S
    for server in stopping:
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.process.wait(max(0.0, deadline - time.monotonic()))
        server.kill()


class PdfConverter:
    """Converts DOCX bytes to PDF bytes; ``profiles`` is the folder of the LibreOffice profiles, ``slots``
    how many conversions may run at once (one per CPU by default), each with a LibreOffice kept running
    unless ``resident`` is False (then each conversion starts ``soffice``, as a one-off command should)."""

    def __init__(self, profiles: str | Path, slots: int | None = None, resident: bool = True):
        self.profiles = Path(profiles)
        # Process groups are how a hung LibreOffice is stopped with its server: POSIX only.
        self.resident = resident and os.name == "posix"
        # Last in, first out: a quiet service keeps converting on its one warm LibreOffice; another slot's
        # starts only when conversions overlap.
        self._free: queue.LifoQueue[int] = queue.LifoQueue()
        for slot in reversed(range(max(1, slots or os.cpu_count() or 1))):
            self._free.put(slot)
        self._servers: dict[int, _Server] = {}
        self._failed_at: dict[int, float] = {}
        self._finalizer = weakref.finalize(self, _stop, self._servers)

    def convert(self, docx: bytes) -> bytes:
        """The PDF of ``docx`` (the bytes of a .docx file → those of a .pdf). Raises :class:`PdfUnavailable`
        when LibreOffice is absent, fails or takes longer than :data:`TIMEOUT_S`."""
        return self.convert_many([docx])[0]

    def convert_many(self, documents: list[bytes]) -> list[bytes]:
        """The PDFs of ``documents`` (.docx bytes), in their order, made in one slot: one after another
        by its resident LibreOffice, else :data:`BATCH` documents per ``soffice`` call. Raises
        :class:`PdfUnavailable` as :meth:`convert` does, at the first document that fails."""
        soffice = find_soffice()
        if soffice is None:
            raise PdfUnavailable("PDF не сформирован: на сервере нет LibreOffice. Установите его (Debian: "
                                 "apt-get install libreoffice-writer-nogui fonts-liberation; Windows: "
                                 "libreoffice.org) или скачайте DOCX и напечатайте из Word.")
        slot = self._free.get()
        try:
            return self._convert(slot, soffice, documents)
        finally:
            self._free.put(slot)

    def close(self) -> None:
        """Stop the resident LibreOffice processes (a later conversion starts them again)."""
        self._finalizer()

    def _convert(self, slot: int, soffice: str, documents: list[bytes]) -> list[bytes]:
        pdfs: list[bytes] = []
        retried = False
        while len(pdfs) < len(documents):
            server = self._server(slot, soffice)
            if server is None:
                pdfs += _soffice(soffice, self._profile(slot), documents[len(pdfs):len(pdfs) + BATCH])
                continue
            try:
                pdfs.append(server.convert(documents[len(pdfs)]))
                retried = False
            except TimeoutError:
                self._drop(slot)
                raise _timed_out() from None
            except xmlrpc.client.Fault:
                raise _failed() from None
            except _BROKEN:
                self._drop(slot)
                if retried:
                    raise _failed() from None
                retried = True  # LibreOffice died under this document: once more with a new one
        return pdfs

    def _profile(self, slot: int) -> Path:
        return (self.profiles / f"profile-{slot}").resolve()

    def _server(self, slot: int, soffice: str) -> _Server | None:
        """The slot's running server, started when there is none; None when the slot converts through
        ``soffice``. Only the thread holding the slot calls this."""
        server = self._servers.get(slot)
        if server is not None and server.process.poll() is None:
            return server
        if server is not None:  # it died: LibreOffice crashed, was killed, or the server gave up
            self._drop(slot)
        python = _server_python() if self.resident else None
        if python is None or time.monotonic() - self._failed_at.get(slot, -math.inf) < RETRY_S:
            return None
        log_path = self.profiles / f"unoserver-{slot}.log"
        try:
            self._profile(slot).mkdir(parents=True, exist_ok=True)
            server = _Server(*python, soffice, self._profile(slot), log_path)
        except OSError:  # a folder that cannot be written or an interpreter that vanished: as a failed start
            server = None
        if server is None or not server.ready():
            if server is not None:
                server.kill()
            self._failed_at[slot] = time.monotonic()
            log.warning("LibreOffice через UNO не запустился (см. %s): PDF делает отдельный запуск soffice, "
                        "следующая попытка через %d с.", log_path, RETRY_S)
            return None
        self._servers[slot] = server
        if not self._finalizer.alive:  # closed before: the new server stops at exit all the same
            self._finalizer = weakref.finalize(self, _stop, self._servers)
        return server

    def _drop(self, slot: int) -> None:
        server = self._servers.pop(slot, None)
        if server is not None:
            server.kill()


def _soffice(soffice: str, profile: Path, documents: list[bytes]) -> list[bytes]:
    """The PDFs of ``documents`` by one ``soffice --convert-to pdf`` process with ``profile``."""
    with tempfile.TemporaryDirectory(prefix="nastavnik-pdf-") as work:
        sources = [Path(work) / f"document-{number}.docx" for number in range(len(documents))]
        for source, docx in zip(sources, documents, strict=True):
            source.write_bytes(docx)
        try:
            done = subprocess.run(
                [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                 "--convert-to", "pdf", "--outdir", work, *map(str, sources)],
                capture_output=True, timeout=TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            raise _timed_out() from None
        results = [source.with_suffix(".pdf") for source in sources]
        if done.returncode != 0 or not all(result.exists() for result in results):
            raise _failed()
        return [result.read_bytes() for result in results]
