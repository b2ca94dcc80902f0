from django.urls import path

from festival import views

urlpatterns = [
    path("", views.hub_home, name="hub-home"),
    path("stories/<slug:story>/", views.story_detail, name="story-detail"),
]
