"""Batches: every document of a template from many rows at once, into one ZIP and one print file, on
every core, for ``nastavnik batch`` and the job queue. :mod:`~service.documents.batch.rows` reads the
rows (a JSON list, or a sheet a person fills in) and writes the blank sheet;
:mod:`~service.documents.batch.run` makes the documents (:func:`run_batch`)."""

import importlib

# Where each name of the package lives. Imported on first use: the worker processes import
# ``run`` through this package, and loading the sheets' libraries would slow every worker's start.
_NAMES = {
    "BatchCancelled": "run", "BatchResult": "run", "Row": "run", "RowFailure": "run", "run_batch": "run",
    "blank_sheet": "rows", "column_of": "rows", "read_rows": "rows", "write_sheet": "rows",
}
__all__ = list(_NAMES)


def __getattr__(name: str):
    if name not in _NAMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_NAMES[name]}"), name)
