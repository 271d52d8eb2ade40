"""The registry: the organisation, its people and their roles, mentoring pairs and groups, and the
journal of orders, kept in SQLite through sqlite-utils. Knows nothing of Flask: every function takes
an open :class:`sqlite_utils.Database` from :func:`registry.db.connect`."""
