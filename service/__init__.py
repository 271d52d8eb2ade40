"""Nastavnik service: the Russian grammar engine (``service.grammar``), document assembly
(``service.documents``), the web layer (``service.web``, application factory in ``service.app``)
and the command line (``service.cli``)."""
