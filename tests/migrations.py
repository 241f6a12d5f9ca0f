"""Migration tests' two moves with the real executor: to given targets,
and back to every app's leaf (which later tests need)."""

from __future__ import annotations

from django.apps.registry import Apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def leaves() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def migrate(targets: list[tuple[str, str]]) -> Apps:
    """Migrate to `targets`; the models as the database now has them (each
    app at its last applied migration, not only the targets' ancestors)."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    applied = set(executor.loader.applied_migrations)
    graph = executor.loader.graph
    heads = [
        node
        for node in applied
        if node in graph.node_map
        and not any(
            child.key in applied and child.key[0] == node[0]
            for child in graph.node_map[node].children
        )
    ]
    return executor.loader.project_state(heads).apps
