"""Public-computer jobs: settle stations whose time ran out or whose
reservation's grace period passed, so that the queue moves even when no
one polls or opens the board."""

from celery import shared_task

from computers import services


@shared_task(name="computers.stations_sweep")
def stations_sweep() -> int:
    return services.stations_sweep()
