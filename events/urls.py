from django.urls import path

from events.views import organise, programme

urlpatterns = [
    path("festivals/<slug:festival>/", programme.festival_detail, name="festival-detail"),
    path(
        "festivals/<slug:festival>/programme/",
        programme.programme_timetable,
        name="festival-programme",
    ),
    path("festivals/<slug:festival>/changes/", programme.schedule_changes, name="festival-changes"),
    path(
        "festivals/<slug:festival>/sessions/<slug:session>/",
        programme.session_detail,
        name="session-detail",
    ),
    path(
        "festivals/<slug:festival>/speakers/<slug:speaker>/",
        programme.speaker_detail,
        name="speaker-detail",
    ),
    path(
        "organise/<slug:festival>/import/",
        organise.import_programme_page,
        name="organise-import",
    ),
    path(
        "organise/<slug:festival>/programme.csv",
        organise.programme_csv_download,
        name="organise-programme-csv",
    ),
]
