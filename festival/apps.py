from django.apps import AppConfig


class FestivalConfig(AppConfig):
    name = "festival"
    verbose_name = "Festivals and the Ideas Hub"

    def ready(self) -> None:
        # Imported once the models are loaded: the outbox's sender task, so it is registered in
        # every process (a service queues it by name on commit), and this app's kinds of
        # message, so the sender can render them.
        from festival import outbox_renderers, tasks  # noqa: F401
