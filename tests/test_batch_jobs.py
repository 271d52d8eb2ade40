"""Batch jobs in the background (issue 10 item 3): a job asked for on the web page, made by
``nastavnik worker`` (a real subprocess on the test's registry), followed, cancelled, kept for the
retention time and removed; a queued job waits through a restart of the service; a job whose worker
died is taken up by the next worker."""

import datetime as dt
import importlib
import io
import json
import re
import subprocess
import sys
import time
import zipfile
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote

import pytest

from registry.pairs import academic_year, list_pairs
from service.documents.batch import Row
from service.documents.batch.jobs import cancel, create, list_jobs, load, purge, run, waiting
from service.documents.catalogue import get_template
from tests.conftest import docx_text, flat, org_id


def _folder(app) -> Path:
    return Path(app.config["BATCHES"])


@contextmanager
def _worker(app):
    """``nastavnik worker`` on the app's registry, stopped at the end."""
    process = subprocess.Popen([sys.executable, "-c", "from service.cli import main; main()", "worker", "--db",
                                app.config["DATABASE"]], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        yield process
    finally:
        process.terminate()
        output = process.communicate(timeout=30)[0].decode()
        assert "Traceback" not in output, output


def _wait(app, job_id: str, timeout: float = 90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = load(_folder(app), job_id)
        if job.final:
            return job
        time.sleep(0.3)
    raise AssertionError(f"the job did not end in {timeout} s: {job}")


def _ask(client, **fields):
    data = {"template_id": "programme", "source": "registry", "print_format": "",
            "year": academic_year(dt.date.today()), **fields}
    return client.post("/batches/", data=data, content_type="multipart/form-data")


def _job_id(response) -> str:
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    return response.headers["Location"].rstrip("/").rsplit("/", 1)[1]


def _example_rows(count: int) -> list[Row]:
    example = get_template("pd-consent").example
    return [Row(number, example) for number in range(1, count + 1)]


def test_a_job_made_refused_rows_named_cancelled_and_removed_after_retention(tmp_path):
    folder = tmp_path / "batches"
    bad = {**get_template("pd-consent").example, "person": "никто"}
    job = create(folder, organization_id=1, user_id=None, template_id="pd-consent", source="файл «x.json»",
                 rows=[*_example_rows(3), Row(4, bad)], labels={4: "Иванов И.И."}, print_format="docx")
    assert (job.state, job.total, job.state_title) == ("queued", 4, "в очереди")
    assert waiting(folder) == [job.id]
    ended = run(folder, job.id, workers=0)
    assert (ended.state, ended.done, ended.made, ended.percent) == ("done", 4, 3, 100)
    assert ended.failed[0]["row"] == 4 and ended.label(4) == "Иванов И.И." and ended.label(2) == "строка 2"
    assert all(re.search("[а-я]", reason) for reason in ended.failed[0]["reasons"])
    with zipfile.ZipFile(ended.zip_path) as archive:
        names = archive.namelist()
    assert len(names) == 3 and names[1].endswith("_2.docx") and ended.print_path.suffix == ".docx"
    assert run(folder, job.id, workers=0).finished_at == ended.finished_at  # an ended job stays as it is
    assert waiting(folder) == []

    queued = create(folder, organization_id=1, user_id=None, template_id="pd-consent", source="x",
                    rows=_example_rows(2))
    cancel(queued)
    assert load(folder, queued.id).state == "cancelled" and run(folder, queued.id).state == "cancelled"
    assert not (queued.folder / "documents.zip").exists()

    assert purge(folder) == 0
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=73)
    assert purge(folder, later) == 2 and list_jobs(folder) == []
    for bad_id in ("", "../etc", "z" * 32, job.id):
        assert load(folder, bad_id) is None
    with pytest.raises(ValueError, match="Нет ни одной строки"):
        create(folder, organization_id=1, user_id=None, template_id="pd-consent", source="x", rows=[])


def test_the_secretary_asks_for_a_batch_and_a_worker_makes_it(app, client, db):
    with_programme = [p for p in list_pairs(db, org_id(db)) if p["programme_id"]]
    response = _ask(client, print_format="docx")
    job_id = _job_id(response)
    page = client.get(f"/batches/{job_id}").get_data(as_text=True)
    assert "В очереди" in page and 'http-equiv="refresh"' in page and "Отменить пакет" in page
    with _worker(app):
        job = _wait(app, job_id)
    assert job.state == "done" and job.made == len(with_programme) >= 2
    page = client.get(f"/batches/{job_id}").get_data(as_text=True)
    assert "Готово" in page and "Скачать ZIP" in page and 'http-equiv="refresh"' not in page
    download = client.get(f"/batches/{job_id}/documents.zip")
    content = download.get_data()
    download.close()  # a file sent from disk
    assert download.mimetype == "application/zip"
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        texts = [flat(docx_text(archive.read(name))) for name in archive.namelist()]
    for pair in with_programme:
        assert any(pair["mentor"]["last_name"] in text for text in texts)
    assert all("ПЕРСОНАЛИЗИРОВАННАЯ ПРОГРАММА НАСТАВНИЧЕСТВА" in text.upper() for text in texts)
    printed = client.get(f"/batches/{job_id}/print")
    printed.close()
    assert printed.mimetype.endswith("document") and "_для_печати.docx" in unquote(
        printed.headers["Content-Disposition"])
    listed = client.get("/batches/").get_data(as_text=True)
    assert "Персонализированная программа наставничества" in listed and "реестр, " in listed


def test_a_queued_job_waits_through_a_restart_and_a_lost_one_is_taken_up(app, client, db):
    from service.app import create_app

    first = _job_id(_ask(client))
    lost = _job_id(_ask(client, template_id="pd-consent"))
    # The worker making «lost» died: its status stopped moving ten minutes ago.
    status = _folder(app) / lost / "status.json"
    stopped = (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=10)).replace(microsecond=0).isoformat()
    status.write_text(json.dumps({"state": "running", "done": 1, "started_at": stopped, "updated_at": stopped}))
    (_folder(app) / lost / "claim").touch()
    # The service restarts: a new app on the same registry sees both, waiting.
    again = create_app({"TESTING": True, "DATABASE": app.config["DATABASE"], "SECRET_KEY": "test",
                        "WTF_CSRF_ENABLED": False})
    assert {job.id: job.state for job in list_jobs(Path(again.config["BATCHES"]))} == {first: "queued",
                                                                                       lost: "running"}
    with _worker(again):
        assert _wait(again, first).state == "done"
        assert _wait(again, lost).state == "done"


def test_bad_requests_get_russian_answers_and_nothing_is_queued(app, client, db):
    no_file = _ask(client, source="file")
    assert "Выберите файл со строками" in no_file.get_data(as_text=True)
    order = _ask(client, template_id="pairs-order")
    assert "из реестра пакетом не формируется" in order.get_data(as_text=True)
    broken = _ask(client, source="file", file=(io.BytesIO(b"\x00\x01"), "rows.xlsx"))
    assert broken.status_code == 200 and "Пакет не поставлен в очередь" in broken.get_data(as_text=True)
    wrong = _ask(client, source="file", file=(io.BytesIO(b"[1]"), "rows.txt"))
    assert "Загрузите лист Excel (.xlsx), CSV или JSON." in wrong.get_data(as_text=True)
    assert list_jobs(_folder(app)) == []
    assert client.get("/batches/" + "a" * 32).status_code == 404
    assert client.get("/batches/sheet/nothing.xlsx").status_code == 404
    sheet = client.get("/batches/sheet/pd-consent.xlsx")
    assert sheet.status_code == 200 and sheet.data[:2] == b"PK"


def test_another_organisations_job_is_not_found_and_cancel_works(app, client, db):
    job_id = _job_id(_ask(client))
    folder = _folder(app)
    other = create(folder, organization_id=org_id(db) + 1000, user_id=None, template_id="pd-consent", source="x",
                   rows=_example_rows(1))
    for url in (f"/batches/{other.id}", f"/batches/{other.id}/documents.zip", f"/batches/{other.id}/print"):
        assert client.get(url).status_code == 404
    assert client.post(f"/batches/{other.id}/cancel").status_code == 404
    response = client.post(f"/batches/{job_id}/cancel", follow_redirects=True)
    assert "Отменено" in response.get_data(as_text=True)
    assert load(folder, job_id).state == "cancelled"


def test_serve_starts_its_worker_again_when_it_stops(app, monkeypatch):
    # Imported by name: the package ``service.cli`` holds the click command «worker» under the same name.
    worker_module = importlib.import_module("service.cli.worker")
    monkeypatch.setattr(worker_module, "RESTART_DELAY_S", 0.2)
    keeper = worker_module.WorkerKeeper(app.config["DATABASE"])
    keeper.start()
    try:
        deadline = time.monotonic() + 30
        while keeper.process is None and time.monotonic() < deadline:
            time.sleep(0.05)
        first = keeper.process
        first.kill()
        while (keeper.process is first or keeper.process.poll() is not None) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert keeper.process is not first and keeper.process.poll() is None
    finally:
        keeper.stop()
    assert keeper.process.poll() is not None
    keeper.join(5)
    assert not keeper.is_alive()
