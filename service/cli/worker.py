"""``nastavnik worker``: the consumer of the batch queue (:mod:`service.documents.batch.queue`)."""

import os
import subprocess
import sys
import threading
from pathlib import Path

import click

from service.cli.registry import db_option

#: Seconds before ``serve`` starts again a batch worker that stopped on its own.
RESTART_DELAY_S = 5


@click.command("worker", help="Формировать пакеты документов из очереди. «serve» запускает обработчик сам; на других "
                              "машинах — с NASTAVNIK_QUEUE=redis://… и общей папкой пакетов NASTAVNIK_BATCHES.")
@db_option
@click.option("--jobs", "jobs_at_once", default=1, show_default=True, type=click.IntRange(1, 16),
              help="сколько пакетов формировать одновременно (каждый — на всех ядрах)")
def worker(db_path: Path | None, jobs_at_once: int) -> None:
    from service.app import create_app
    from service.documents.batch.queue import QueueUnavailable, job_queue
    from service.documents.workers import prepare_workers

    app = create_app({"DATABASE": str(db_path.resolve())} if db_path else None)
    try:
        queue = job_queue(app.config["QUEUE"], app.config["BATCHES"])
    except QueueUnavailable as error:
        raise click.ClickException(str(error)) from None
    # Pages stay quick while a batch takes every core: its processes yield to the web service's.
    if hasattr(os, "nice"):
        os.nice(10)
    prepare_workers()  # warm before the first job, and as nice as this process
    click.echo(f"Обработчик пакетов: очередь {app.config['QUEUE']}, папка {app.config['BATCHES']}.")
    queue.look_after()  # what a worker stopped mid-way left, before the first minute's look
    queue.huey.create_consumer(workers=jobs_at_once, worker_type="thread", periodic=True).run()


class WorkerKeeper(threading.Thread):
    """``nastavnik worker`` for the registry ``db_path`` as a child process of ``serve``, started again
    (after :data:`RESTART_DELAY_S`) whenever it stops on its own, so that queued batches never wait for
    a worker that is gone; :meth:`stop` ends it."""

    def __init__(self, db_path: str):
        super().__init__(name="batch-worker-keeper", daemon=True)
        self.command = [sys.executable, "-c", "from service.cli import main; main()", "worker", "--db", db_path]
        self.stopping = threading.Event()
        self.process: subprocess.Popen | None = None
        self._starting = threading.Lock()  # a stop never misses a worker being started

    def run(self) -> None:
        while True:
            with self._starting:
                if self.stopping.is_set():
                    return
                self.process = subprocess.Popen(self.command, stdin=subprocess.DEVNULL)
            code = self.process.wait()
            if self.stopping.is_set():
                return
            click.echo(f"Обработчик пакетов остановился (код {code}); перезапуск через {RESTART_DELAY_S} с.",
                       err=True)
            self.stopping.wait(RESTART_DELAY_S)

    def stop(self) -> None:
        with self._starting:
            self.stopping.set()
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(30)
