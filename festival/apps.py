from django.apps import AppConfig


class FestivalConfig(AppConfig):
    name = "festival"
    verbose_name = "Festivals and the Ideas Hub"

    def ready(self) -> None:
        # Imported once the models are loaded: the tasks the services queue by name, so they
        # are registered in every process, not only in a worker that autodiscovered them.
        from festival import tasks  # noqa: F401
