"""CSRF protection for the forms (Flask-WTF); the JSON API is exempt."""

from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
