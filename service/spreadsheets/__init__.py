"""The registry in spreadsheets: the template workbook for filling in, import of people, of pairs
and groups and of their personalised programmes from xlsx or CSV (checked row by row, written all or
nothing), and the export of the registry to one xlsx. The registry itself (``registry/``) knows
nothing of spreadsheets; these modules read and write files and call its functions.

- :mod:`.workbook` — reading an upload into tables, cell conversions, the look of written sheets;
- :mod:`.report` — what an import found and did;
- :mod:`.people`, :mod:`.pairs`, :mod:`.programmes` — the columns of each sheet, parsing rows and
  applying them;
- :mod:`.importer` — one import in one transaction; :mod:`.template`, :mod:`.export` — workbooks made.
"""
