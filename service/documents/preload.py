"""Imported by the fork server that worker processes — a batch's, the web service's render pool — are
started from (:func:`~service.documents.workers.prepare_workers`), and by nothing else.

It loads, once, what every document needs: the renderer and its libraries, the catalogue with its
contracts, the morphological dictionaries (pymorphy3's OpenCorpora, pytrovich's petrovich rules). Each
worker forked from the server begins with them instead of spending the better part of a second loading
them again; the templates each worker prepares for itself.
"""

import service.documents.batch.run  # noqa: F401 - the modules of the workers' tasks, imported once here
from service.documents.catalogue import catalogue
from service.grammar.morph import morph, petrovich, petrovich_gender

catalogue()
morph()
petrovich()
petrovich_gender()
