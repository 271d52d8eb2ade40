"""Accounts: logging in and out, the first start, one's profile (password, API tokens), and the
administrator's pages of users and organisations."""

from service.web.accounts.routes import bp, init_app

__all__ = ["bp", "init_app"]
