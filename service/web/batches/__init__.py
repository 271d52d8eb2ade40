"""«Пакеты»: many documents of one template at once — from the registry or from a sheet — made in the
background by ``nastavnik worker`` (:mod:`service.documents.batch.queue`), with their progress, a
cancel, and the ZIP and the print file to download."""

from service.web.batches.routes import bp

__all__ = ["bp"]
