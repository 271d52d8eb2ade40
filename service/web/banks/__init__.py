"""«Банк наставников» и «Банк наставляемых»: the organisation's candidates for mentoring with their
requests or competences, the date and source of entry; entering, changing, leaving."""

from service.web.banks.routes import bp

__all__ = ["bp"]
