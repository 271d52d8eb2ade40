"""Rendering documents in worker processes, so that a server uses every core.

A threaded server (waitress) runs Python one thread at a time; making a DOCX is most of a download's
CPU time, so with the work handed to a pool of processes the other threads keep answering pages while
documents render on the other cores. The pool is the standard library's ``ProcessPoolExecutor`` with
the ``spawn`` start method (the same on Linux and on the Windows machines many schools have).
"""

import threading
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from service.documents.catalogue import catalogue
from service.documents.render import RenderedDocument, render

#: Seconds one document may take before the request gives up.
RENDER_TIMEOUT_S = 60


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
                self._executor = ProcessPoolExecutor(self.processes, mp_context=get_context("spawn"))
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
