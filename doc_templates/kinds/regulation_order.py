"""The order «Об утверждении Положения о системе наставничества педагогических работников и дорожной
карты» (DOMAIN.md §2 step 1, §3): header, preamble (the acts in force on the order's date, the regional
act, «на основании решения педагогического совета (протокол от … № …)», the purpose), «ПРИКАЗЫВАЮ:», the
items — approve and put into effect the Положение (приложение № 1) and the roadmap for the academic year
(приложение № 2), repeal an earlier Положение, appoint the curator, publish on the website, acquaint the
teachers, control — the last two with the signature in one unsplittable row, then the acquaintance block.

The items depend on whether there is a curator other than the head and on the options, so they come
numbered from :mod:`service.documents.contracts.regulation_order` (``items`` and ``closing``)."""

from doc_templates.build import itemised_order

build = itemised_order
