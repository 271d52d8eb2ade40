"""«Встречи»: the meetings of a mentoring pair or group in the seeds' sequence — the organisation's meetings
of an academic year, a pair's meetings, a meeting's form (ticking plan items of the pair's programme done)
and its deletion."""

from service.web.meetings.routes import bp

__all__ = ["bp"]
