"""The secret key that signs sessions and form tokens, kept in the instance folder."""

import os
import secrets
import time
from pathlib import Path


def instance_secret_key(instance_path: str | Path) -> str:
    """The key stored in ``<instance>/secret_key`` (owner read/write only, ``0600``), created once
    on first use: restarts, threads and worker processes then accept each other's sessions and forms.
    Several processes starting at once agree on one key (the file is created exclusively)."""
    path = Path(instance_path) / "secret_key"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w", encoding="ascii") as file:
            file.write(secrets.token_hex(32))
    for _ in range(50):
        key = path.read_text(encoding="ascii").strip()
        if key:
            return key
        # Another process created the file an instant ago and is still writing it.
        time.sleep(0.01)
    raise RuntimeError(f"Файл ключа {path} пуст: удалите его и перезапустите сервис.")
