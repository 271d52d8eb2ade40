"""A batch asked for in the browser and made by ``nastavnik worker`` while the secretary goes on with
other pages: the consents of everyone in the registry in one ZIP and one print file. Screenshots
``100-…`` to ``102-…``."""

import io
import subprocess
import sys
import zipfile

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from registry.db import connect
from registry.people import list_people
from tests.browser.conftest import LiveServer, choose, download, expect_russian_page, log_in, open_section, press
from tests.conftest import docx_text, flat, org_id

CONSENT = "Согласие на обработку персональных данных (152-ФЗ)"


def test_a_batch_is_made_while_other_pages_answer(page: Page, live_server: LiveServer, shot):
    db = connect(live_server.db_path)
    people = list_people(db, org_id(db))
    db.close()
    worker = subprocess.Popen([sys.executable, "-c", "from service.cli import main; main()", "worker", "--db",
                               str(live_server.db_path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        log_in(page, live_server, "secretary")
        open_section(page, "Документы", "Документы")
        page.get_by_role("link", name="Пакеты: много документов одного вида сразу").click()
        expect_russian_page(page, "Пакеты документов")
        expect(page.get_by_text("Пакетов пока нет.")).to_be_visible()
        choose(page.get_by_label("Документ", exact=True), CONSENT)
        choose(page.get_by_label("Строки"), "из реестра")
        choose(page.get_by_label("Один файл для печати"), "PDF — все документы подряд")
        shot(page, "100-batch-form", full_page=True)
        press(page, "Поставить в очередь")
        expect(page.get_by_text(f"Пакет поставлен в очередь: {CONSENT}, документов — {len(people)}.")).to_be_visible()
        expect_russian_page(page, f"Пакет: {CONSENT}")
        shot(page, "101-batch-in-progress")

        # Meanwhile the other pages answer as usual.
        open_section(page, "Участники", "Участники")
        expect(page.get_by_role("row").filter(has_text=people[0]["full_name"])).to_be_visible()
        open_section(page, "Пары и группы", "Наставнические пары и группы")
        open_section(page, "Документы", "Документы")
        page.get_by_role("link", name="Пакеты: много документов одного вида сразу").click()
        expect_russian_page(page, "Пакеты документов")
        row = page.get_by_role("row").filter(has_text=CONSENT)
        row.get_by_role("link", name="открыть").click()
        expect(page.get_by_text("Готово", exact=True)).to_be_visible(timeout=120_000)  # the page refreshes itself
        expect(page.get_by_text(f"Сформировано документов: {len(people)}.")).to_be_visible()
        shot(page, "102-batch-done")
        name, content = download(page, lambda: page.get_by_role("link", name="Скачать ZIP").click())
        assert name.endswith(".zip") and name.startswith("Пакет_")
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            texts = [flat(docx_text(archive.read(n))) for n in archive.namelist()]
        assert len(texts) == len(people)
        assert all(any(p["last_name"] in text for text in texts) for p in people)
        name, content = download(page, lambda: page.get_by_role("link", name="Скачать файл для печати (PDF)").click())
        reader = PdfReader(io.BytesIO(content))
        assert len(reader.outline) == len(people) and len(reader.pages) >= len(people)
    finally:
        worker.terminate()
        worker.wait(30)
