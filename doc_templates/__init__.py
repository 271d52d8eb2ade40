"""The Word templates (.docx, docxtpl/Jinja tags) a school can open and edit, and ``catalogue.json``
describing them. ``build.py`` writes the default templates; a school may replace any file."""

from pathlib import Path

FOLDER = Path(__file__).parent
