"""HTTP hardening of every answer and of the session cookie (ФСТЭК order № 21, measures ЗИС; OWASP
secure headers): no inline scripts or framing, no content sniffing, no referrer to other sites, a
session that ends after idle time, and only the host names the service is meant to answer to."""

import datetime as dt
import os

from flask import Flask, session

#: What pages may load: only this service's own files (no inline scripts, no framing).
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
#: Minutes without a request after which one has to log in again.
IDLE_MINUTES = 30


def _headers(response):
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def _keep_idle_timeout():
    # A permanent session expires PERMANENT_SESSION_LIFETIME after the last request that touched it.
    session.permanent = True


def allowed_hosts() -> list[str]:
    """Host names from ``NASTAVNIK_ALLOWED_HOSTS`` (comma-separated), plus this machine's loopback
    names; a request for any other host (a forged ``Host`` header) answers 400."""
    extra = [h.strip() for h in os.environ.get("NASTAVNIK_ALLOWED_HOSTS", "").split(",") if h.strip()]
    return ["localhost", "127.0.0.1", "[::1]", *extra]


def init_app(app: Flask) -> None:
    if app.config.get("TRUSTED_HOSTS") is None:
        app.config["TRUSTED_HOSTS"] = allowed_hosts()
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=os.environ.get("NASTAVNIK_HTTPS") == "1",
        PERMANENT_SESSION_LIFETIME=dt.timedelta(minutes=IDLE_MINUTES),
    )
    app.after_request(_headers)
    app.before_request(_keep_idle_timeout)
