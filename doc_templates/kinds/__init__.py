"""Builders of the document kinds beyond the orders, one module a kind (``build(doc)``), found by
:func:`doc_templates.build.builder`."""
