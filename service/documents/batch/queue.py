"""The queue of batch jobs (huey): its storage is an SQLite file beside the registry, or Redis when
``NASTAVNIK_QUEUE=redis://…`` is set, so that ``nastavnik worker`` on other machines takes jobs too
(they then share the batches folder, ``NASTAVNIK_BATCHES``, with the web service).

A job's task carries only the job's id and folder: its rows and options are in the folder
(:mod:`service.documents.batch.jobs`). A queued task stays in the storage across restarts; a job
whose worker died while making it is queued again by the next worker's periodic look
(:func:`~service.documents.batch.jobs.waiting`), which also removes results past their retention.
"""

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from huey import Huey, RedisHuey, SqliteHuey, crontab
from huey.api import TaskWrapper

from service.documents.batch import jobs


class QueueUnavailable(RuntimeError):
    """The queue's storage cannot be used (Russian message)."""


@dataclass(frozen=True)
class JobQueue:
    """The queue (``huey``) and its task ``make(job_id)``: make the job of ``folder``."""

    huey: Huey
    folder: Path
    make: TaskWrapper

    def submit(self, job_id: str) -> None:
        """Queue the job ``job_id`` for a worker."""
        self.make(job_id)

    def look_after(self) -> None:
        """Remove the results past their retention and queue again the jobs left waiting (queued but
        lost from the queue, or running with their worker gone); a worker does it when it starts and
        then each minute."""
        jobs.purge(self.folder)
        pending = {task.args[0] for task in self.huey.pending() if task.name == "make"}
        for job_id in jobs.waiting(self.folder):
            if job_id not in pending:
                self.submit(job_id)


@cache
def job_queue(location: str, folder: str) -> JobQueue:
    """The queue at ``location`` — a ``redis://`` URL or the path of an SQLite file — of the jobs in
    ``folder``, with its tasks: ``make(job_id)`` and :meth:`JobQueue.look_after` each minute. One per
    location and process. Raises :class:`QueueUnavailable` for Redis without the ``redis`` package."""
    home = Path(folder)
    if location.startswith(("redis://", "rediss://", "unix://")):
        try:
            import redis  # noqa: F401 - huey's Redis storage needs it; say so in Russian
        except ImportError:
            raise QueueUnavailable("Для очереди в Redis установите пакет redis: pip install 'nastavnik[redis]'.") \
                from None
        huey = RedisHuey("nastavnik", url=location, results=False)
    else:
        Path(location).parent.mkdir(parents=True, exist_ok=True)
        huey = SqliteHuey("nastavnik", filename=location, results=False)

    @huey.task(name="make")
    def make(job_id: str) -> None:
        jobs.run(home, job_id)

    queue = JobQueue(huey, home, make)
    huey.periodic_task(crontab(minute="*"), name="look_after")(queue.look_after)
    return queue


def queue_location(home: str) -> str:
    """``NASTAVNIK_QUEUE`` when set, else ``queue.sqlite`` in the folder ``home`` (the registry's)."""
    return os.environ.get("NASTAVNIK_QUEUE") or os.path.join(home, "queue.sqlite")


def batches_folder(home: str) -> Path:
    """``NASTAVNIK_BATCHES`` when set, else ``batches`` in the folder ``home`` (the registry's)."""
    return Path(os.environ.get("NASTAVNIK_BATCHES") or os.path.join(home, "batches"))
