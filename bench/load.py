"""Load on the web service as secretaries make it: simultaneous order downloads and pair saves.

    python bench/load.py [--clients 1 4 16] [--iterations 10] [--memory] [--quick] [--out docs/benchmarks.md]

Starts ``nastavnik serve --demo`` on a fresh registry in a temporary folder, on a free port of
127.0.0.1 (all traffic stays on the loopback), and stops it at the end, Ctrl-C and errors included.
For every level of ``--clients`` N threads — each a secretary with her own cookie jar — repeat
``--iterations`` times what a browser does:

1. GET the order form ``/documents/pairs-order``, read its form as a browser would (hidden CSRF
   token, text and date inputs, checked checkboxes, selected options) and submit it with the button
   «Скачать DOCX» (``download``); a 200 attachment holding a DOCX is a success;
2. GET a pair's edit page ``/pairs/<id>`` (ids from the links of ``/pairs/``), submit its form
   unchanged; a redirect (302/303) whose target answers 200 is a success.

Every other outcome is an error, kept with its status and a snippet of the page; the server's log is
read for the exceptions behind the 500s («database is locked»). After each level the registry file is
opened read-only: every download must be matched by exactly one new journal row (``orders``), no two
orders may share (year, number), and no number may repeat among the downloaded files' names
(«Приказ_<number>_от_<date>.docx» from Content-Disposition).

``--memory`` adds a run of 5,000 requests (mostly order forms and downloads) on a fresh server and
reports the server's resident memory after 500 and after 5,000 requests. ``--clients`` with no
number skips the levels (memory run only).

Bounded: ``--max-requests`` in all and ``--max-seconds`` of wall time. Exit status 1 when a level
(or the memory run) has an error, a duplicate number or a download without its journal row; with
``--strict`` also when the p95 or memory targets are missed; 2 when the server does not start.
"""

import argparse
import html
import http.client
import http.cookiejar
import math
import os
import platform
import re
import shlex
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.report import write_section  # noqa: E402

HOST = "127.0.0.1"
LOGIN_PATH = "/login"
#: The demo account every simulated secretary logs in with (``nastavnik serve --demo``).
LOGIN, PASSWORD = "secretary", "demo"
ORDER_PATH = "/documents/pairs-order"
PAIRS_PATH = "/pairs/"
DOWNLOAD_BUTTON = "download"
#: «Приказ_219_от_11.01.2024.docx» (service/documents/render.py ``file_name``)
FILE_NAME = re.compile(r"^Приказ_(?P<number>.+)_от_(?P<date>\d{2}\.\d{2}\.(?P<year>\d{4}))\.docx$")
TARGET_P95 = 1.0  # seconds, order download at the highest level
TARGET_RSS_RATIO = 1.2
MEMORY_PAIR_EVERY = 5  # memory run: a pair save every 5th iteration, otherwise form + download only


# --------------------------------------------------------------------------------------------------
# HTML: forms and links as a browser sees them


@dataclass
class Form:
    action: str
    method: str
    #: in tree order: ("field", name, value) or ("submit", name, value)
    controls: list = field(default_factory=list)

    def submitters(self) -> list[str]:
        return [name for kind, name, _ in self.controls if kind == "submit"]

    def data(self, submitter: str | None) -> list[tuple[str, str]]:
        """The form data set a browser sends when ``submitter`` (a submit button's name) is clicked."""
        pairs, used = [], False
        for kind, name, value in self.controls:
            if kind == "field":
                pairs.append((name, value))
            elif name == submitter and not used:
                pairs.append((name, value))
                used = True
        return pairs


class PageParser(HTMLParser):
    """Forms (successful controls only) and link targets of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.links: list[str] = []
        self._form: Form | None = None
        self._select: dict | None = None
        self._option: dict | None = None
        self._textarea: list | None = None

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): ("" if v is None else v) for k, v in attrs}
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if tag == "form":
            self._form = Form(a.get("action", ""), a.get("method", "get").lower())
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        name = a.get("name", "")
        disabled = "disabled" in a
        if tag == "input":
            kind = a.get("type", "text").lower()
            if not name or disabled or kind in ("file", "reset", "button", "image"):
                return
            if kind == "submit":
                self._form.controls.append(("submit", name, a.get("value", "")))
            elif kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._form.controls.append(("field", name, a.get("value", "on")))
            else:
                self._form.controls.append(("field", name, a.get("value", "")))
        elif tag == "button":
            if name and not disabled and a.get("type", "submit").lower() == "submit":
                self._form.controls.append(("submit", name, a.get("value", "")))
        elif tag == "select":
            self._select = {"name": name, "multiple": "multiple" in a, "disabled": disabled or not name,
                            "options": [], "slot": len(self._form.controls)}
        elif tag == "option" and self._select is not None:
            self._close_option()
            self._option = {"value": a.get("value"), "selected": "selected" in a, "disabled": disabled,
                            "text": ""}
        elif tag == "textarea":
            self._textarea = [name, "", disabled]

    def handle_data(self, data):
        if self._option is not None:
            self._option["text"] += data
        if self._textarea is not None:
            self._textarea[1] += data

    def _close_option(self):
        if self._option is not None and self._select is not None:
            option = self._option
            value = option["value"] if option["value"] is not None else " ".join(option["text"].split())
            self._select["options"].append((value, option["selected"], option["disabled"]))
        self._option = None

    def handle_endtag(self, tag):
        if tag == "option":
            self._close_option()
        elif tag == "select" and self._select is not None:
            self._close_option()
            select, self._select = self._select, None
            if select["disabled"] or self._form is None:
                return
            options = select["options"]
            chosen = [value for value, selected, disabled in options if selected and not disabled]
            if not select["multiple"]:
                # a single select sends its last selected option, or else its first enabled one
                enabled = [value for value, _, disabled in options if not disabled]
                chosen = chosen[-1:] or enabled[:1]
            entries = [("field", select["name"], value) for value in chosen]
            self._form.controls[select["slot"]:select["slot"]] = entries
        elif tag == "textarea" and self._textarea is not None:
            name, text, disabled = self._textarea
            self._textarea = None
            if name and not disabled and self._form is not None:
                self._form.controls.append(("field", name, text[1:] if text.startswith("\n") else text))
        elif tag == "form":
            self._form = None


def parse_page(body: bytes) -> PageParser:
    parser = PageParser()
    parser.feed(body.decode("utf-8", "replace"))
    parser.close()
    return parser


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def snippet(body: bytes, limit: int = 90) -> str:
    """What a person would read first on an error page: the form's error list, else the heading and
    first paragraph, else the start of the text."""
    page = body.decode("utf-8", "replace")
    found = re.findall(r'<(div|p|ul)[^>]*class="(?:[^"]*\s)?errors?(?:\s[^"]*)?"[^>]*>(.*?)</\1>', page, re.S)
    text = " ".join(_text(inner) for _, inner in found)
    if not text:
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
        paragraph = re.search(r"<p[^>]*>(.*?)</p>", page, re.S)
        text = " ".join(_text(m.group(1)) for m in (heading, paragraph) if m)
    if not text:
        text = _text(page)
    return text[:limit] + ("…" if len(text) > limit else "")


def attachment_name(disposition: str) -> str | None:
    """The file name of a Content-Disposition header: RFC 5987 ``filename*=UTF-8''…`` first."""
    match = re.search(r"filename\*\s*=\s*([\w!#$%&+^`{}~-]*)'[^']*'([^;\s]+)", disposition, re.I)
    if match:
        return urllib.parse.unquote(match.group(2), encoding=match.group(1) or "utf-8", errors="replace")
    match = re.search(r'filename\s*=\s*"((?:[^"\\]|\\.)*)"', disposition, re.I) or re.search(
        r"filename\s*=\s*([^;]+)", disposition, re.I)
    return match.group(1).strip() if match else None


def safe_number(number: str) -> str:
    """A journal number as it appears in the file name (service/documents/render.py ``file_name``)."""
    return re.sub(r'[\\/:*?"<>|\s]+', "-", number).strip("-")


# --------------------------------------------------------------------------------------------------
# Bounds and measurements


class OutOfBudget(Exception):
    pass


class Budget:
    """Requests that may still be sent: at most ``limit`` (None: no limit of its own), before
    ``deadline`` (monotonic), and within the ``parent`` budget."""

    def __init__(self, limit: int | None, deadline: float, parent: "Budget | None" = None):
        self.limit, self.deadline, self.parent = limit, deadline, parent
        self.used = 0
        self.exhausted = False
        self.stop = threading.Event()
        self._lock = threading.Lock()

    def take(self) -> None:
        with self._lock:
            if self.stop.is_set() or time.monotonic() >= self.deadline or (
                    self.limit is not None and self.used >= self.limit):
                self.exhausted = True
                raise OutOfBudget
            if self.parent is not None:
                try:
                    self.parent.take()
                except OutOfBudget:
                    self.exhausted = True
                    raise
            self.used += 1


@dataclass
class Stats:
    latencies: dict = field(default_factory=dict)  # op -> [seconds]
    errors: list = field(default_factory=list)  # (op, status, snippet)
    files: list = field(default_factory=list)  # downloaded file names
    completed: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    checkpoints: dict = field(default_factory=dict)  # request count -> callable, run once when reached

    def done(self, op: str, seconds: float | None) -> None:
        with self.lock:
            if seconds is not None:
                self.latencies.setdefault(op, []).append(seconds)
            self.completed += 1
            hook = self.checkpoints.pop(self.completed, None)
        if hook:
            hook()

    def error(self, op: str, status, text: str) -> None:
        with self.lock:
            self.errors.append((op, status, text))

    def download(self, name: str) -> None:
        with self.lock:
            self.files.append(name)


def percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


# --------------------------------------------------------------------------------------------------
# One secretary


@dataclass
class Response:
    url: str
    status: int
    headers: object
    body: bytes


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Let 3xx through as an HTTPError so the redirect itself can be checked."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Secretary:
    def __init__(self, index: int, base: str, budget: Budget, stats: Stats, timeout: float):
        self.index, self.base, self.budget, self.stats, self.timeout = index, base, budget, stats, timeout
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.ProxyHandler({}),  # never through a proxy: loopback only
            urllib.request.HTTPCookieProcessor(self.jar),
            _NoRedirect(),
        )
        self.pair_ids: list[int] = []

    def request(self, op: str, url: str, data: list[tuple[str, str]] | None = None,
                referer: str | None = None) -> Response | None:
        url = urllib.parse.urljoin(self.base, url)
        if urllib.parse.urlsplit(url).netloc != urllib.parse.urlsplit(self.base).netloc:
            raise ValueError(f"refusing to leave the test server: {url}")
        self.budget.take()
        headers = {"User-Agent": "nastavnik-bench-load", "Accept": "text/html,*/*",
                   "Accept-Language": "ru"}
        if referer:
            headers["Referer"] = referer
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data, encoding="utf-8").encode("ascii")
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.base.rstrip("/")
        request = urllib.request.Request(url, data=body, headers=headers,
                                         method="POST" if data is not None else "GET")
        started = time.perf_counter()
        try:
            try:
                with self.opener.open(request, timeout=self.timeout) as reply:
                    response = Response(url, reply.status, reply.headers, reply.read())
            except urllib.error.HTTPError as error:
                with error:
                    response = Response(url, error.code, error.headers, error.read())
        except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
            reason = getattr(error, "reason", error)
            self.stats.done(op, None)
            self.stats.error(op, "—", f"{type(error).__name__}: {reason}"[:120])
            return None
        self.stats.done(op, time.perf_counter() - started)
        return response

    def _form(self, op: str, page: Response, submitter: str | None) -> tuple[Form, str | None] | None:
        """The page's first POST form having the button ``submitter`` (None: any form, clicked with
        its first submit button)."""
        for form in parse_page(page.body).forms:
            if form.method != "post":
                continue
            names = form.submitters()
            if submitter is None:
                return form, (names[0] if names else None)
            if submitter in names:
                return form, submitter
        self.stats.error(op, page.status, f"no POST form with the button «{submitter or 'submit'}»: "
                                          + snippet(page.body, 80))
        return None

    def order(self) -> None:
        page = self.request("order form", ORDER_PATH)
        if page is None:
            return
        if page.status != 200:
            self.stats.error("order form", page.status, snippet(page.body))
            return
        found = self._form("order form", page, DOWNLOAD_BUTTON)
        if found is None:
            return
        form, button = found
        reply = self.request("download", urllib.parse.urljoin(page.url, form.action), form.data(button),
                             referer=page.url)
        if reply is None:
            return
        disposition = reply.headers.get("Content-Disposition", "") if reply.headers else ""
        if reply.status == 200 and "attachment" in disposition.lower() and reply.body[:2] == b"PK":
            name = attachment_name(disposition)
            if name and FILE_NAME.match(name):
                self.stats.download(name)
            else:
                self.stats.error("download", 200, f"file name without a number: {name!r}")
        elif reply.status == 200 and "attachment" in disposition.lower():
            self.stats.error("download", 200, "attachment is not a DOCX")
        else:
            self.stats.error("download", reply.status, snippet(reply.body))

    def _remember_pairs(self, page: Response) -> None:
        ids = []
        for href in parse_page(page.body).links:
            match = re.fullmatch(r"/pairs/(\d+)/?", urllib.parse.urlsplit(
                urllib.parse.urljoin(page.url, href)).path)
            if match:
                ids.append(int(match.group(1)))
        if ids:
            self.pair_ids = list(dict.fromkeys(ids))

    def pair(self, iteration: int) -> None:
        if not self.pair_ids:
            page = self.request("pair list", PAIRS_PATH)
            if page is None:
                return
            if page.status != 200:
                self.stats.error("pair list", page.status, snippet(page.body))
                return
            self._remember_pairs(page)
            if not self.pair_ids:
                self.stats.error("pair list", page.status, "no /pairs/<id> links")
                return
        pair_id = self.pair_ids[(self.index + iteration) % len(self.pair_ids)]
        page = self.request("pair page", f"/pairs/{pair_id}")
        if page is None:
            return
        if page.status != 200:
            self.stats.error("pair page", page.status, snippet(page.body))
            return
        found = self._form("pair page", page, "submit")  # the pair form, not the header's «Выйти»
        if found is None:
            return
        form, button = found
        reply = self.request("pair save", urllib.parse.urljoin(page.url, form.action), form.data(button),
                             referer=page.url)
        if reply is None:
            return
        location = reply.headers.get("Location") if reply.headers else None
        if reply.status not in (302, 303) or not location:
            self.stats.error("pair save", reply.status, snippet(reply.body))
            return
        after = self.request("pair redirect", urllib.parse.urljoin(reply.url, location))
        if after is None:
            return
        if after.status != 200:
            self.stats.error("pair redirect", after.status, snippet(after.body))
            return
        self._remember_pairs(after)

    def login(self) -> bool:
        """Log in with the demo secretary's account, as the login page asks."""
        page = self.request("login", LOGIN_PATH)
        found = self._form("login", page, "submit") if page is not None and page.status == 200 else None
        if found is None:
            return False
        form, button = found
        data = [(name, {"login": LOGIN, "password": PASSWORD}.get(name, value)) for name, value in form.data(button)]
        reply = self.request("login", urllib.parse.urljoin(page.url, form.action), data, referer=page.url)
        if reply is None or reply.status not in (302, 303):
            self.stats.error("login", reply.status if reply else "—", snippet(reply.body) if reply else "")
            return False
        return True

    def run(self, iterations: int | None, pair_every: int, start: threading.Event) -> None:
        start.wait()
        i = 0
        try:
            if not self.login():
                return
            while iterations is None or i < iterations:
                self.order()
                if pair_every and i % pair_every == 0:
                    self.pair(i)
                i += 1
        except OutOfBudget:
            pass
        except Exception as error:  # a bug in this client, not the server: keep it visible
            self.stats.error("client", "—", f"{type(error).__name__}: {error}"[:120])


# --------------------------------------------------------------------------------------------------
# The server under test


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def server_command(source: Path | None) -> list[str]:
    """The venv's ``nastavnik`` script (its shebang execs python: the Popen pid is the server), else
    the same entry point through this interpreter — always so for another ``source`` tree."""
    if source is not None:
        return [sys.executable, "-c", "import sys; from service.cli import main; sys.exit(main())"]
    for candidate in (Path(sys.executable).parent / "nastavnik", ROOT / ".venv" / "bin" / "nastavnik"):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return [str(candidate)]
    return [sys.executable, "-c", "import sys; from service.cli import main; sys.exit(main())"]


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _listening_inodes(port: int) -> set[str]:
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            parts = line.split()
            if len(parts) > 9 and parts[3] == "0A" and int(parts[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(parts[9])
    return inodes


class Server:
    def __init__(self, workdir: Path, name: str, source: Path | None = None):
        self.workdir, self.source = workdir, source
        self.db = workdir / f"{name}.sqlite"
        self.log_path = workdir / f"{name}.log"
        self.port = free_port()
        self.base = f"http://{HOST}:{self.port}/"
        self.proc: subprocess.Popen | None = None
        self.pid: int | None = None
        self.command: list[str] = []
        self.header = ""  # the Server header of its responses

    def start(self, timeout: float = 90) -> None:
        self.command = server_command(self.source) + ["serve", "--db", str(self.db), "--demo", "--host", HOST,
                                                      "--port", str(self.port)]
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        if self.source is not None:
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(self.source), env.get("PYTHONPATH")]))
        with open(self.log_path, "ab") as log:
            # a session of its own: Ctrl-C reaches this script, which then stops the server itself
            self.proc = subprocess.Popen(self.command, cwd=self.source or ROOT, stdin=subprocess.DEVNULL, stdout=log,
                                         stderr=subprocess.STDOUT, env=env, start_new_session=True)
        deadline = time.monotonic() + timeout
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                with opener.open(self.base, timeout=5) as reply:
                    if reply.status == 200:
                        self.header = reply.headers.get("Server", "")
                        break
            except (urllib.error.URLError, OSError, http.client.HTTPException):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the server did not answer in {timeout:.0f} s:\n{self.log_tail()}")
            time.sleep(0.2)
        self.pid = self._serving_pid()

    def _serving_pid(self) -> int:
        """The process holding the listening socket: the Popen pid itself when ``nastavnik`` runs
        python directly; a child if something (a wrapper, a reloader) sits in between."""
        inodes = {f"socket:[{inode}]" for inode in _listening_inodes(self.port)}
        tree, queue = [], [self.proc.pid]
        while queue:
            pid = queue.pop(0)
            tree.append(pid)
            queue += _children(pid)
        for pid in reversed(tree):  # deepest first: a reloader's child holds the socket too
            try:
                fds = list(Path(f"/proc/{pid}/fd").iterdir())
            except OSError:
                continue
            for fd in fds:
                try:
                    if os.readlink(fd) in inodes:
                        return pid
                except OSError:
                    continue
        return self.proc.pid

    def status(self, key: str) -> int | None:
        """A number of /proc/<pid>/status (VmRSS in kB, Threads)."""
        try:
            for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
                if line.startswith(key + ":"):
                    return int(line.split()[1])
        except (OSError, TypeError):
            return None
        return None

    def rss_mb(self) -> float | None:
        kb = self.status("VmRSS")
        return kb / 1024 if kb is not None else None

    def describe(self) -> str:
        try:
            cmdline = Path(f"/proc/{self.pid}/cmdline").read_bytes().split(b"\0")
            exe = os.path.basename(cmdline[0].decode()) if cmdline else "?"
        except OSError:
            exe = "?"
        where = f", code from {self.source}" if self.source is not None else ""
        return (f"pid {self.pid} ({exe}{', Popen pid' if self.pid == self.proc.pid else ', child of Popen'}"
                f"{where})")

    def log_size(self) -> int:
        try:
            return self.log_path.stat().st_size
        except OSError:
            return 0

    def log_text(self, start: int = 0) -> str:
        try:
            with open(self.log_path, "rb") as log:
                log.seek(start)
                return log.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self.log_text().splitlines()[-lines:])

    def kind(self) -> str:
        text = self.log_text()
        if "development server" in text or self.header.startswith("Werkzeug"):
            return "Werkzeug development server (Flask app.run)"
        if "waitress" in text.lower() or "waitress" in self.header.lower():
            return "waitress"
        return f"`nastavnik serve` (Server: {self.header or '—'})"

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 10)):
            try:
                os.killpg(self.proc.pid, sig)  # the group this script created for the server
            except ProcessLookupError:
                return
            except PermissionError:
                self.proc.send_signal(sig)
            try:
                self.proc.wait(wait)
                return
            except subprocess.TimeoutExpired:
                continue


def server_exceptions(log: str) -> Counter:
    """The final exception line of each traceback in a stretch of the server log."""
    found, last = Counter(), None
    exception = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt|Warning)\b.*")
    for line in log.splitlines():
        if not line.strip() or line[0].isspace():
            continue
        if exception.match(line):
            last = line.strip()[:120]
        elif line.startswith(("Traceback", "During handling", "The above exception")):
            continue
        elif last:
            found[last] += 1
            last = None
    if last:
        found[last] += 1
    return found


# --------------------------------------------------------------------------------------------------
# The registry, read-only


@dataclass
class Journal:
    max_rowid: int
    rows: list  # (rowid, year, number)
    versions: int | None  # rows of order_versions, when the table exists

    def excess(self) -> int:
        """Rows beyond the first of every (year, number)."""
        keys = [(year, number.strip()) for _, year, number in self.rows if number is not None]
        return len(keys) - len(set(keys))


def read_journal(path: Path) -> Journal:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    try:
        columns = {row[1] for row in con.execute("pragma table_info(orders)")}
        year = "year" if "year" in columns else "substr(date, 1, 4)"
        rows = [(rowid, str(y) if y is not None else None, str(number) if number is not None else None)
                for rowid, y, number in con.execute(f"select rowid, {year}, number from orders")]
        tables = {row[0] for row in con.execute("select name from sqlite_master where type = 'table'")}
        versions = (con.execute("select count(*) from order_versions").fetchone()[0]
                    if "order_versions" in tables else None)
    finally:
        con.close()
    return Journal(max((r[0] for r in rows), default=0), rows, versions)


# --------------------------------------------------------------------------------------------------
# Phases


@dataclass
class Phase:
    label: str
    clients: int
    iterations: int | None
    wall: float = 0.0
    stats: Stats = field(default_factory=Stats)
    new_rows: int = 0
    new_versions: int | None = None
    duplicates: int = 0  # journal: new rows sharing (year, number) with another row
    file_repeats: int = 0  # downloads whose (year, number) repeats an earlier download of the run
    unmatched: int = 0  # downloads not matched by exactly one journal row
    server_errors: Counter = field(default_factory=Counter)
    rss_mb: float | None = None  # at the end of the phase
    peak_rss_mb: float | None = None  # sampled every 0.25 s during the phase
    peak_threads: int | None = None
    truncated: bool = False
    rss_checkpoints: dict = field(default_factory=dict)

    @property
    def requests(self) -> int:
        return self.stats.completed

    @property
    def downloads(self) -> int:
        return len(self.stats.files)

    @property
    def errors(self) -> int:
        return len(self.stats.errors)

    def failed(self) -> bool:
        return bool(self.errors or self.duplicates or self.file_repeats or self.unmatched
                    or self.new_rows != self.downloads)


def file_key(name: str) -> tuple[str, str]:
    match = FILE_NAME.match(name)
    return match.group("year"), match.group("number")


def run_phase(server: Server, phase: Phase, budget: Budget, timeout: float, pair_every: int,
              seen_files: Counter) -> Phase:
    before = read_journal(server.db)
    log_start = server.log_size()
    start = threading.Event()
    clients = [Secretary(i, server.base, budget, phase.stats, timeout) for i in range(phase.clients)]
    threads = [threading.Thread(target=c.run, args=(phase.iterations, pair_every, start), daemon=True,
                                name=f"secretary-{c.index}") for c in clients]
    finished = threading.Event()

    def sample():
        while not finished.wait(0.25):
            rss, count = server.rss_mb(), server.status("Threads")
            if rss is not None:
                phase.peak_rss_mb = max(phase.peak_rss_mb or 0, rss)
            if count is not None:
                phase.peak_threads = max(phase.peak_threads or 0, count)

    sampler = threading.Thread(target=sample, daemon=True, name="sampler")
    for thread in threads:
        thread.start()
    sampler.start()
    started = time.perf_counter()
    start.set()
    try:
        for thread in threads:
            while thread.is_alive():
                thread.join(0.2)
    except BaseException:
        budget.stop.set()
        raise
    finally:
        finished.set()
    phase.wall = time.perf_counter() - started
    phase.truncated = budget.exhausted and phase.iterations is not None
    phase.rss_mb = server.rss_mb()
    if phase.rss_mb is not None:
        phase.peak_rss_mb = max(phase.peak_rss_mb or 0, phase.rss_mb)
    time.sleep(0.2)  # let the log catch up with the last requests
    phase.server_errors = server_exceptions(server.log_text(log_start))

    after = read_journal(server.db)
    phase.new_rows = sum(1 for row in after.rows if row[0] > before.max_rowid)
    if after.versions is not None:
        phase.new_versions = after.versions - (before.versions or 0)
    phase.duplicates = after.excess() - before.excess()
    journal = Counter((year, safe_number(number.strip())) for _, year, number in after.rows
                      if number is not None)
    keys = [file_key(name) for name in phase.stats.files]
    phase.unmatched = sum(1 for key in keys if journal[key] != 1)
    for key in keys:
        if seen_files[key]:
            phase.file_repeats += 1
        seen_files[key] += 1
    return phase


# --------------------------------------------------------------------------------------------------
# Report


def ms(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds * 1000:,.0f}"


def mb(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def triple(values: list[float]) -> str:
    return " / ".join(ms(percentile(values, p)) for p in (50, 95, 99))


def error_kinds(phase: Phase) -> list[str]:
    kinds = Counter(f"{op}: {'HTTP ' + str(status) if status != '—' else 'no response'} «{text}»"
                    for op, status, text in phase.stats.errors)
    lines = [f"{count} × {kind}" for kind, count in kinds.most_common()]
    lines += [f"server log: {count} × {line}" for line, count in phase.server_errors.most_common()]
    return lines


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split("MemTotal:")[1].split()[0])
        memory = f", {kb / 1024 / 1024:.1f} GiB RAM"
    except (OSError, IndexError, ValueError):
        pass
    return (f"{usable} CPU cores{' (' + model + ')' if model else ''}{memory}, {platform.system()} "
            f"{platform.machine()}, Python {platform.python_version()}")


def report(args, phases: list[Phase], memory: Phase | None, server_info: str) -> tuple[str, list[str]]:
    """The Markdown section and the list of missed targets that fail the run."""
    command = "python bench/load.py" + ("" if not sys.argv[1:] else " " + shlex.join(sys.argv[1:]))
    out = ["## Load", "",
           f"Command: `{command}`. Machine: {machine()}; client and server on the same machine, "
           f"over {HOST} only. Server: {server_info}.", "",
           "Each simulated secretary is a thread with her own cookie jar. One iteration: open the order "
           f"form `{ORDER_PATH}`, submit it as the browser does with «Скачать DOCX» (a 200 DOCX "
           "attachment is a success); open a pair's edit page `/pairs/<id>` and save it unchanged (a "
           "302/303 whose target answers 200 is a success). Any other outcome is an error. After each "
           "level the registry file is read directly: new journal rows against 200 downloads, duplicate "
           "(year, number) among orders, repeated numbers among the downloaded files' names. The levels "
           "run one after another against one server and registry.", ""]
    missed: list[str] = []
    soft: list[str] = []
    if phases:
        out += ["| clients | iterations each | requests | wall, s | req/s | downloads 200 "
                "| download p50 / p95 / p99, ms | pair save p50 / p95 / p99, ms | errors "
                "| new journal rows | downloads without exactly one row | duplicate (year, number) in journal "
                "| repeated numbers in files | server RSS end / peak, MB | server threads, peak |",
                "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
        for p in phases:
            rows = str(p.new_rows) + (f" (+{p.new_versions} versions)" if p.new_versions is not None else "")
            out.append(
                f"| {p.clients} | {p.iterations}{' (cut by a bound)' if p.truncated else ''} | {p.requests} "
                f"| {p.wall:.1f} | {p.requests / p.wall if p.wall else 0:.1f} | {p.downloads} "
                f"| {triple(p.stats.latencies.get('download', []))} "
                f"| {triple(p.stats.latencies.get('pair save', []))} | {p.errors} | {rows} | {p.unmatched} "
                f"| {p.duplicates} | {p.file_repeats} | {mb(p.rss_mb)} / {mb(p.peak_rss_mb)} "
                f"| {'—' if p.peak_threads is None else p.peak_threads} |")
        out.append("")
        for p in phases:
            kinds = error_kinds(p)
            if kinds:
                out.append(f"Errors at {p.clients} client{'s' if p.clients > 1 else ''}:")
                out += [f"- {line}" for line in kinds]
                out.append("")
    if memory is not None:
        rss = memory.rss_checkpoints
        first, last = rss.get(args.memory_checkpoint), rss.get("end")
        ratio = last / first if first and last else None
        out += [f"Memory: {memory.requests} requests from {memory.clients} clients (order form and download "
                f"every iteration, a pair save every {MEMORY_PAIR_EVERY}th) on a fresh server in "
                f"{memory.wall:.0f} s: RSS {first or 0:.0f} MB after {args.memory_checkpoint} requests, "
                f"{last or 0:.0f} MB after {memory.requests}; ratio "
                f"{'—' if ratio is None else f'{ratio:.2f}'} (target ≤ {TARGET_RSS_RATIO}). "
                f"{memory.errors} errors, {memory.downloads} downloads, {memory.new_rows} new journal rows, "
                f"{memory.duplicates} duplicate numbers in the journal, {memory.file_repeats} in files.", ""]
        kinds = error_kinds(memory)
        if kinds:
            out.append("Errors in the memory run:")
            out += [f"- {line}" for line in kinds]
            out.append("")
        if memory.failed():
            missed.append(f"memory run: {memory.errors} errors, {memory.duplicates} duplicates in the journal, "
                          f"{memory.file_repeats} repeated numbers in files, {memory.unmatched} unmatched downloads")
        if ratio is None or ratio > TARGET_RSS_RATIO:
            soft.append(f"RSS({memory.requests})/RSS({args.memory_checkpoint}) = "
                        f"{'—' if ratio is None else f'{ratio:.2f}'} > {TARGET_RSS_RATIO}")
    for p in phases:
        if p.failed():
            missed.append(f"{p.clients} clients: {p.errors} errors, {p.duplicates} duplicates in the journal, "
                          f"{p.file_repeats} repeated numbers in files, {p.unmatched} unmatched downloads, "
                          f"{p.new_rows} journal rows for {p.downloads} downloads")
    if phases:
        top = max(phases, key=lambda p: p.clients)
        p95 = percentile(top.stats.latencies.get("download", []), 95)
        if p95 is None or p95 > TARGET_P95:
            soft.append(f"p95 of order download at {top.clients} clients = {ms(p95)} ms > {TARGET_P95 * 1000:.0f} ms")
        out += ["Targets:", "",
                "| target | measured | met |", "|---|---|---|",
                f"| 0 errors at {top.clients} clients | {top.errors} | {'yes' if not top.errors else 'no'} |",
                f"| 0 duplicate numbers at {top.clients} clients | {top.duplicates} in the journal, "
                f"{top.file_repeats} in files | {'yes' if not (top.duplicates or top.file_repeats) else 'no'} |",
                f"| every 200 download has exactly one journal row at {top.clients} clients "
                f"| {top.downloads} downloads, {top.new_rows} rows, {top.unmatched} unmatched "
                f"| {'yes' if not top.unmatched and top.new_rows == top.downloads else 'no'} |",
                f"| p95 of order download ≤ {TARGET_P95 * 1000:.0f} ms | {ms(p95)} ms "
                f"| {'yes' if p95 is not None and p95 <= TARGET_P95 else 'no'} |"]
        if memory is not None:
            rss = memory.rss_checkpoints
            ratio = (rss["end"] / rss[args.memory_checkpoint]
                     if rss.get("end") and rss.get(args.memory_checkpoint) else None)
            out.append(f"| RSS(5000)/RSS(500) ≤ {TARGET_RSS_RATIO} | {'—' if ratio is None else f'{ratio:.2f}'} "
                       f"| {'yes' if ratio is not None and ratio <= TARGET_RSS_RATIO else 'no'} |")
        else:
            out.append(f"| RSS(5000)/RSS(500) ≤ {TARGET_RSS_RATIO} | not measured (run with `--memory`) | — |")
        out.append("")
        out += ["Summary: " + "; ".join(
            f"{p.clients} clients: {p.errors} errors, {p.duplicates} duplicates, {p.file_repeats} repeated "
            f"file numbers, {p.unmatched} unmatched" for p in phases) + "."]
    if args.strict:
        missed += soft
    return "\n".join(out), missed


# --------------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, nargs="*", default=None,
                        help="levels of simultaneous secretaries (default 1 4 16; none: memory run only)")
    parser.add_argument("--iterations", type=int, default=None, help="iterations per client (default 10)")
    parser.add_argument("--memory", action="store_true", help="also the 5,000-request memory run")
    parser.add_argument("--memory-requests", type=int, default=5000)
    parser.add_argument("--memory-checkpoint", type=int, default=500)
    parser.add_argument("--memory-clients", type=int, default=4)
    parser.add_argument("--max-requests", type=int, default=20000, help="hard bound on all requests")
    parser.add_argument("--max-seconds", type=float, default=None,
                        help="hard bound on the wall time of all phases (default 900; --quick 45)")
    parser.add_argument("--timeout", type=float, default=30, help="seconds per request")
    parser.add_argument("--quick", action="store_true", help="a small run for CI: 1 4 16 clients × 3 iterations")
    parser.add_argument("--strict", action="store_true", help="also fail on the p95 and memory targets")
    parser.add_argument("--keep", action="store_true", help="keep the temporary registry and server logs")
    parser.add_argument("--source", type=Path,
                        help="run the server from this source tree (e.g. an export of another commit) "
                             "instead of the installed one")
    parser.add_argument("--out", type=Path, help="write the report into this Markdown file (section «load»)")
    args = parser.parse_args(argv)
    if args.clients is None:
        args.clients = [1, 4, 16]
    if args.iterations is None:
        args.iterations = 3 if args.quick else 10
    if args.max_seconds is None:
        args.max_seconds = 45 if args.quick else 900
    if any(n < 1 for n in args.clients) or args.iterations < 1:
        parser.error("clients and iterations must be positive")
    if not args.clients and not args.memory:
        parser.error("nothing to run: give --clients levels or --memory")
    if args.source is not None:
        args.source = args.source.resolve()
        if not (args.source / "service" / "cli.py").is_file():
            parser.error(f"--source {args.source}: no service/cli.py there")
        loaded = subprocess.run(
            [sys.executable, "-c", "import service; print(service.__file__)"], cwd=args.source,
            env={**os.environ, "PYTHONPATH": str(args.source)}, capture_output=True, text=True).stdout.strip()
        if not loaded.startswith(str(args.source)):
            parser.error(f"--source {args.source}: python imports service from {loaded or '?'}")

    def on_term(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    workdir = Path(tempfile.mkdtemp(prefix="nastavnik-load-"))
    budget = Budget(args.max_requests, time.monotonic() + args.max_seconds)
    servers: list[Server] = []
    phases: list[Phase] = []
    memory: Phase | None = None
    seen_files: Counter = Counter()
    server_info = ""
    try:
        if args.clients:
            server = Server(workdir, "levels", args.source)
            servers.append(server)
            server.start()
            server_info = f"{server.kind()}, {server.describe()}"
            print(f"server on {server.base} — {server.describe()}; registry {server.db}", file=sys.stderr)
            for clients in args.clients:
                phase = run_phase(server, Phase(f"{clients}", clients, args.iterations), budget, args.timeout,
                                  1, seen_files)
                phases.append(phase)
                print(f"{clients:>3} clients: {phase.requests} requests in {phase.wall:.1f} s, "
                      f"{phase.downloads} downloads, {phase.errors} errors, {phase.duplicates} duplicates, "
                      f"download p95 {ms(percentile(phase.stats.latencies.get('download', []), 95))} ms",
                      file=sys.stderr)
                if budget.exhausted:
                    print("a hard bound (--max-requests / --max-seconds) was reached", file=sys.stderr)
                    break
            server_info = f"{server.kind()}, {server.describe()}"  # the log now tells more
            server.stop()
        if args.memory and not (phases and budget.exhausted):
            server = Server(workdir, "memory", args.source)
            servers.append(server)
            server.start()
            if not server_info:
                server_info = f"{server.kind()}, {server.describe()}"
            memory = Phase("memory", args.memory_clients, None)
            rss = memory.rss_checkpoints
            memory.stats.checkpoints[args.memory_checkpoint] = lambda: rss.__setitem__(
                args.memory_checkpoint, server.rss_mb())
            run_phase(server, memory, Budget(args.memory_requests, budget.deadline, budget), args.timeout,
                      MEMORY_PAIR_EVERY, Counter())
            rss["end"] = server.rss_mb()
            print(f"memory: {memory.requests} requests in {memory.wall:.0f} s, {memory.errors} errors, RSS "
                  f"{mb(rss.get(args.memory_checkpoint))} → {mb(rss.get('end'))} MB", file=sys.stderr)
            server.stop()
    except KeyboardInterrupt:
        budget.stop.set()
        print("interrupted; stopping the server", file=sys.stderr)
        return 130
    except RuntimeError as error:
        print(error, file=sys.stderr)
        return 2
    finally:
        budget.stop.set()
        for server in servers:
            server.stop()
        if args.keep:
            print(f"kept {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    text, missed = report(args, phases, memory, server_info)
    print(text)
    if args.out:
        write_section(args.out, "load", text)
        print(f"\nwritten to {args.out}", file=sys.stderr)
    if missed:
        print("\nFAIL: " + "; ".join(missed))
        return 1
    print("\nPASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
