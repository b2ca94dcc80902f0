from django.apps import AppConfig


class FestivalConfig(AppConfig):
    name = "festival"
    verbose_name = "Festivals and the Ideas Hub"
