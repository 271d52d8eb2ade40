"""The order «О завершении (прекращении) наставничества» (DOMAIN.md §3, §5): header, preamble (the acts in
force on the order's date, the organisation's Положение, the purpose), «ПРИКАЗЫВАЮ:», the items — pairs
completed, pairs terminated early, thanks and a bonus to the mentors, the curator's monitoring, control —
the last two with the signature in one unsplittable row, then «С приказом ознакомлен(а, ы):».

The items agree in number and gender with the pairs and people they name, so they come whole from
:mod:`service.documents.contracts.closing` (``items`` and ``closing``, one string a paragraph)."""

from doc_templates.build import itemised_order

build = itemised_order
