from django.apps import AppConfig


class FestivalConfig(AppConfig):
    name = "festival"
    verbose_name = "Festivals and the Ideas Hub"

    def ready(self) -> None:
        # Imported once the models are loaded: the outbox's sender task, so it is registered in
        # every process (a service queues it by name on commit), and this app's kinds of
        # message, so the sender can render them; and the content stamps of cached pages.
        from festival import outbox_renderers, page_stamps, tasks  # noqa: F401
