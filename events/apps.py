from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Programme"

    def ready(self) -> None:
        # Imported once the models are loaded, as Django asks: the signal receivers that keep
        # each festival's programme stamp current, the tasks (registered in every process, not
        # only in a worker that autodiscovered them), and this app's kinds of outbox message,
        # so the sender can render them; the write-ups' stamp for cached pages; and what a
        # deleted booking frees.
        from events import outbox_renderers, tasks  # noqa: F401
        from events.bookings import departures  # noqa: F401
        from events.programme import stamp  # noqa: F401
        from events.writeups import page_stamp  # noqa: F401
