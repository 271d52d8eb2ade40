"""Rendering documents in worker processes, so that a server uses every core.

A threaded server (waitress) runs Python one thread at a time; making a DOCX is most of a download's
CPU time, so with the work handed to a pool of processes the other threads keep answering pages while
documents render on the other cores. The pool is the standard library's ``ProcessPoolExecutor``; its
processes, as a batch's (:mod:`service.documents.batch.run`), start as :func:`worker_context` says.
"""

import threading
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_all_start_methods, get_context
from multiprocessing.context import BaseContext

from service.documents.catalogue import catalogue
from service.documents.render import RenderedDocument, render

#: Seconds one document may take before the request gives up.
RENDER_TIMEOUT_S = 60
#: The module the fork server imports (:func:`prepare_workers`).
PRELOAD = "service.documents.preload"


def worker_context() -> BaseContext:
    """How worker processes start: forked from the fork server (:func:`prepare_workers`) where the
    platform has one — unlike forking the calling process, safe when it runs threads, as the web
    service and the queue's consumer do — else (Windows) ``spawn``, a new interpreter that imports
    and loads everything itself."""
    if "forkserver" not in get_all_start_methods():
        return get_context("spawn")
    context = get_context("forkserver")
    context.set_forkserver_preload([PRELOAD])
    return context


def prepare_workers() -> None:
    """Start now, in the background, the fork server worker processes are forked from.

    The server is one process for the life of this one. It imports the renderer and loads the
    dictionaries once (:mod:`~service.documents.preload`, about a second of one core); each worker
    then starts from it warm, in hundredths of a second, with this process's environment as it was
    when the server started. A worker asked for before the server has loaded waits for it, so
    ``nastavnik batch`` calls this before it reads the sheet and ``nastavnik worker`` when it starts;
    the first pool started starts the server when nobody has. Returns at once; does nothing where
    workers are spawned (Windows)."""
    if worker_context().get_start_method() == "forkserver":
        from multiprocessing import forkserver  # here: the module exists only where fork does

        forkserver.ensure_running()


def _warm_up() -> None:
    # Load the dictionaries and compile every template before the first request instead of during it.
    for entry in catalogue().values():
        render(entry.id, entry.example)


class RenderPool:
    """``processes`` worker processes, started on first use; with 0 documents render in the calling
    thread (tests, the CLI)."""

    def __init__(self, processes: int):
        self.processes = processes
        self._executor: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def start(self) -> ProcessPoolExecutor | None:
        """Start the workers now (a server does so before its first request); returns the pool."""
        with self._lock:
            if self._executor is None and self.processes > 0:
                self._executor = ProcessPoolExecutor(self.processes, mp_context=worker_context())
                for _ in range(self.processes):
                    self._executor.submit(_warm_up)
            return self._executor

    def render(self, template_id: str, data: dict) -> RenderedDocument:
        """Render ``data`` (the contract, already checked) with template ``template_id``; raises
        :class:`~service.documents.contracts.ContractError` as :func:`~service.documents.render.render`."""
        executor = self.start()
        if executor is None:
            return render(template_id, data)
        return executor.submit(render, template_id, data).result(timeout=RENDER_TIMEOUT_S)

    def close(self) -> None:
        with self._lock:
            if self._executor is not None:
                self._executor.shutdown(cancel_futures=True)
                self._executor = None
