from django.contrib import admin
from django.urls import include, path

from config.health import healthz

urlpatterns = [
    path("", include("festival.urls")),
    path("", include("events.urls")),
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
