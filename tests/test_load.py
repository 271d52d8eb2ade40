"""The quick load run (bench/load.py --quick): secretaries downloading orders and saving pairs at the
same time get no error and no two orders with one number, up to 16 at once."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def python() -> str:
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def test_quick_load_run_has_no_errors_and_no_duplicate_numbers():
    result = subprocess.run([python(), str(ROOT / "bench" / "load.py"), "--quick"], cwd=ROOT,
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    output = result.stdout + "\n" + result.stderr
    summary = re.search(r"^Summary: .*$", result.stdout, re.M)
    assert summary, output
    assert re.search(r"\b16 clients: 0 errors, 0 duplicates, 0 repeated file numbers, 0 unmatched\b",
                     summary.group()), output
    assert result.returncode == 0, output
