from tests.smtp import eager_tasks, smtp_server  # noqa: F401
