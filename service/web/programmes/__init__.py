"""«Программы наставничества»: the personalised programme of each pair — its texts and plan, done
marks with their dates — and the programmes of an academic year."""

from service.web.programmes.routes import bp

__all__ = ["bp"]
