from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Programme"

    def ready(self) -> None:
        # Imported once the models are loaded, as Django asks: the signal receivers that keep
        # each festival's programme stamp current, and the tasks, so that a task the services
        # queue by name is registered in every process (web, worker, tests), not only in a
        # worker that autodiscovered it.
        from events import tasks  # noqa: F401
        from events.programme import stamp  # noqa: F401
