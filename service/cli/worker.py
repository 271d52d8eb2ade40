"""``nastavnik worker``: the consumer of the batch queue (:mod:`service.documents.batch.queue`)."""

import os
import subprocess
import sys
from pathlib import Path

import click

from service.cli.registry import db_option


@click.command("worker", help="Формировать пакеты документов из очереди. «serve» запускает обработчик сам; на других "
                              "машинах — с NASTAVNIK_QUEUE=redis://… и общей папкой пакетов NASTAVNIK_BATCHES.")
@db_option
@click.option("--jobs", "jobs_at_once", default=1, show_default=True, type=click.IntRange(1, 16),
              help="сколько пакетов формировать одновременно (каждый — на всех ядрах)")
def worker(db_path: Path | None, jobs_at_once: int) -> None:
    from service.app import create_app
    from service.documents.batch.queue import QueueUnavailable, job_queue

    app = create_app({"DATABASE": str(db_path.resolve())} if db_path else None)
    try:
        queue = job_queue(app.config["QUEUE"], app.config["BATCHES"])
    except QueueUnavailable as error:
        raise click.ClickException(str(error)) from None
    # Pages stay quick while a batch takes every core: its processes yield to the web service's.
    if hasattr(os, "nice"):
        os.nice(10)
    click.echo(f"Обработчик пакетов: очередь {app.config['QUEUE']}, папка {app.config['BATCHES']}.")
    queue.look_after()  # what a worker stopped mid-way left, before the first minute's look
    queue.huey.create_consumer(workers=jobs_at_once, worker_type="thread", periodic=True).run()


def start_worker(db_path: str) -> subprocess.Popen:
    """``nastavnik worker`` for the registry ``db_path`` as a child process (``serve`` runs one)."""
    command = [sys.executable, "-c", "from service.cli import main; main()", "worker", "--db", db_path]
    return subprocess.Popen(command, stdin=subprocess.DEVNULL)
