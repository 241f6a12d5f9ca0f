"""What public-computer sessions hold about a patron, for the desk's
disclosure answer (`computer_use`): which station, when, for how long.
Read out only when the decision allows it; kept one day by default."""

from __future__ import annotations

from computers.models import ComputerSession
from organisation import clock
from patrons.models import Patron
from privacy.disclosure import DisclosedLine


def computer_use(patron: Patron, limit: int) -> list[DisclosedLine]:
    sessions = (
        ComputerSession.objects.filter(patron=patron)
        .select_related("station", "branch")
        .order_by("-started_at", "-pk")[:limit]
    )
    lines = []
    for session in sessions:
        start = clock.server_time(session.started_at)
        end = clock.server_time(session.ended_at or session.ends_at)
        running = "" if session.ended_at else " (running)"
        lines.append(
            DisclosedLine(
                when=start.date(),
                text=f"{session.station.label} at {session.branch.name}, "
                f"{start:%H:%M}-{end:%H:%M}{running}",
            )
        )
    return lines
