from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Programme"

    def ready(self) -> None:
        # Registers the signal receivers that keep each festival's programme stamp current.
        from events.programme import stamp  # noqa: F401
