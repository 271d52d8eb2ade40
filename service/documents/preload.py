"""Imported by the fork server that worker processes — a batch's, the web service's render pool — are
started from (:func:`~service.documents.workers.prepare_workers`), and by nothing else.

It loads, once, what every document needs: the renderer and its libraries, the catalogue with its
contracts, the morphological dictionaries (pymorphy3's OpenCorpora, pytrovich's petrovich rules). Each
worker forked from the server begins with them instead of spending the better part of a second loading
them again; the templates each worker prepares for itself.
"""

import contextlib
import signal

# Ctrl-C in a terminal reaches the whole process group: the server, still loading, ignores it as it
# does once loaded, and its workers get Python's handler back for theirs.
signal.signal(signal.SIGINT, signal.SIG_IGN)
# Whatever fails here fails again in the worker that needs it, and is reported there with its
# batch or its download; the server itself must live.
with contextlib.suppress(Exception):
    import service.documents.batch.run  # noqa: F401 - the modules of the workers' tasks
    from service.documents.catalogue import catalogue
    from service.grammar.morph import morph, petrovich, petrovich_gender

    catalogue()
    morph()
    petrovich()
    petrovich_gender()
signal.signal(signal.SIGINT, signal.default_int_handler)
