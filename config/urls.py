from django.contrib import admin
from django.urls import include, path

from config.health import healthz

# A database that is down answers 503 "back in a moment", not 500 (config/errors.py).
handler500 = "config.errors.server_error"

urlpatterns = [
    path("", include("festival.urls")),
    path("", include("events.urls")),
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
