"""``nastavnik serve`` as a school runs it: waitress on a loopback port, the debugger never on, and a
form opened before a restart still saved after it (the secret key lives in the instance folder)."""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

NASTAVNIK = Path(sys.executable).with_name("nastavnik")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, tmp_path: Path):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "FLASK_DEBUG": "1", "NASTAVNIK_INSTANCE": str(tmp_path / "instance")}
        self.env.pop("NASTAVNIK_SECRET_KEY", None)
        self.args = [str(NASTAVNIK), "serve", "--db", str(tmp_path / "r.sqlite"), "--port", str(self.port), "--demo"]
        self.process = None

    def start(self):
        self.process = subprocess.Popen(self.args, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        raise AssertionError(self.stop())

    def stop(self) -> str:
        self.process.terminate()
        try:
            out, _ = self.process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, _ = self.process.communicate()
        return out.decode()


@pytest.fixture
def server(tmp_path):
    if not NASTAVNIK.exists():
        pytest.skip("the nastavnik script is not installed in this environment")
    server = Server(tmp_path)
    server.start()
    yield server
    if server.process.poll() is None:
        server.stop()


def test_serve_keeps_forms_valid_across_a_restart_and_never_debugs(server):
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    with opener.open(f"{server.url}/login") as response:
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', response.read().decode()).group(1)
    opener.open(f"{server.url}/login", data=urllib.parse.urlencode(
        {"csrf_token": token, "login": "secretary", "password": "demo"}).encode()).close()
    with opener.open(f"{server.url}/people/new") as response:
        assert response.headers["Server"] == "nastavnik"
        page = response.read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    server.stop()
    server.start()
    body = urllib.parse.urlencode({"csrf_token": token, "last_name": "Рестартов", "first_name": "Иван",
                                   "gender": "", "position": "учитель", "qualification_category": ""}).encode()
    with opener.open(f"{server.url}/people/new", data=body) as response:
        assert response.url.rsplit("/", 1)[-1].isdigit()  # saved and redirected to the person's page
        assert "Сохранено: Рестартов Иван." in response.read().decode()
    with pytest.raises(urllib.error.HTTPError) as missing:
        opener.open(f"{server.url}/console")
    assert missing.value.code == 404 and "Страница не найдена" in missing.value.read().decode()
    key = Path(server.env["NASTAVNIK_INSTANCE"]) / "secret_key"
    assert oct(key.stat().st_mode & 0o777) == "0o600"
    out = server.stop()
    assert "Рестартов" not in out  # nothing personal in the process log
