from django.urls import path
from django.views.decorators.http import require_safe

from events.access import views as access
from events.bookings.views import attendee as attendance
from events.bookings.views import organisers as organise_attendance
from events.calendars import views as calendars
from events.importing import views as organise
from events.programme import views as programme
from events.reminders import views as reminders
from events.schedule_editor import views as editor
from events.schedule_exports import views as schedule_exports
from events.writeups import views as writeups
from events.writeups.feeds import WriteUpFeed

urlpatterns = [
    path("festivals/<slug:festival>/", programme.festival_detail, name="festival-detail"),
    path(
        "festivals/<slug:festival>/programme/",
        programme.programme_timetable,
        name="festival-programme",
    ),
    path("access/", access.glossary, name="access-glossary"),
    path("festivals/<slug:festival>/access/", access.festival_access, name="festival-access"),
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
    # Attendance: booking from the session page, and "my programme".
    path(
        "festivals/<slug:festival>/sessions/<slug:session>/book/",
        attendance.book_session,
        name="session-book",
    ),
    path(
        "festivals/<slug:festival>/sessions/<slug:session>/cancel/",
        attendance.cancel_session_booking,
        name="session-cancel",
    ),
    path("me/", attendance.my_programme, name="my-programme"),
    path("organise/", organise_attendance.organiser_home, name="organise-home"),
    # Organisers: the schedule editor, session forms, drafts and publishing. "sessions/new/"
    # comes before the bookings page at "sessions/<session>/" (the import never makes a
    # session with the slug "new").
    path("organise/<slug:festival>/schedule/", editor.schedule_editor, name="organise-schedule"),
    path(
        "organise/<slug:festival>/schedule/at-once/",
        editor.publish_mode,
        name="organise-publish-mode",
    ),
    path("organise/<slug:festival>/publish/", editor.publish_page, name="organise-publish"),
    path(
        "organise/<slug:festival>/schedule/undo/",
        editor.undo_last_change,
        name="organise-schedule-undo",
    ),
    path("organise/<slug:festival>/sessions/new/", editor.session_new, name="organise-session-new"),
    path(
        "organise/<slug:festival>/sessions/<slug:session>/edit/",
        editor.session_edit,
        name="organise-session-edit",
    ),
    path(
        "organise/<slug:festival>/sessions/<slug:session>/move/",
        editor.session_move,
        name="organise-session-move",
    ),
    path(
        "organise/<slug:festival>/sessions/<slug:session>/cancel/",
        editor.session_cancel,
        name="organise-session-cancel",
    ),
    path(
        "organise/<slug:festival>/sessions/<slug:session>/restore/",
        editor.session_restore,
        name="organise-session-restore",
    ),
    path(
        "organise/<slug:festival>/sessions/<slug:session>/delete/",
        editor.session_delete,
        name="organise-session-delete",
    ),
    path(
        "organise/<slug:festival>/drafts/<str:ref>/edit/",
        editor.draft_edit,
        name="organise-draft-edit",
    ),
    path(
        "organise/<slug:festival>/drafts/<str:ref>/move/",
        editor.draft_move,
        name="organise-draft-move",
    ),
    # Organisers: bookings, attendee lists and check-in at the door.
    path(
        "organise/<slug:festival>/", organise_attendance.bookings_overview, name="organise-bookings"
    ),
    path(
        "organise/<slug:festival>/sessions/<slug:session>/",
        organise_attendance.session_bookings,
        name="organise-session",
    ),
    path(
        "organise/<slug:festival>/sessions/<slug:session>/attendees.csv",
        organise_attendance.session_attendees_csv,
        name="organise-session-attendees-csv",
    ),
    path(
        "organise/<slug:festival>/sessions/<slug:session>/access-needs.csv",
        access.session_needs_csv,
        name="organise-session-needs-csv",
    ),
    path(
        "organise/<slug:festival>/attendees.csv",
        organise_attendance.festival_attendees_csv,
        name="organise-attendees-csv",
    ),
    path(
        "organise/<slug:festival>/check-in/",
        organise_attendance.check_in_page,
        name="organise-check-in",
    ),
    # Check-in and undo are separate actions, not a toggle: a double tap on a slow phone
    # leaves the person checked in rather than undoing it.
    path(
        "organise/<slug:festival>/check-in/<int:attendance_id>/",
        organise_attendance.check_in_attendee,
        name="organise-check-in-attendee",
    ),
    path(
        "organise/<slug:festival>/check-in/<int:attendance_id>/undo/",
        organise_attendance.undo_check_in_attendee,
        name="organise-check-in-undo",
    ),
    # An attendee's access needs, saved once on "my programme", and on one of their bookings.
    path("me/access-needs/", attendance.save_my_access_needs, name="my-needs"),
    path(
        "me/bookings/<int:attendance>/access-needs/",
        attendance.save_access_needs,
        name="my-access-needs",
    ),
    # Calendar feeds (iCalendar) and schedule exports (frab/c3voc) for calendar and conference apps.
    path(
        "festivals/<slug:festival>/calendar.ics",
        calendars.festival_calendar,
        name="festival-calendar",
    ),
    path(
        "festivals/<slug:festival>/sessions/<slug:session>/calendar.ics",
        calendars.session_calendar,
        name="session-calendar",
    ),
    path(
        "festivals/<slug:festival>/speakers/<slug:speaker>/calendar.ics",
        calendars.speaker_calendar,
        name="speaker-calendar",
    ),
    path("calendar/<str:token>.ics", calendars.personal_calendar, name="personal-calendar"),
    path(
        "me/calendar/regenerate/",
        calendars.regenerate_calendar_link,
        name="my-calendar-regenerate",
    ),
    path(
        "me/calendar/new-link/",
        calendars.confirm_new_calendar_link,
        name="my-calendar-new-link",
    ),
    path(
        "festivals/<slug:festival>/schedule.xml",
        schedule_exports.schedule_xml,
        name="festival-schedule-xml",
    ),
    path(
        "festivals/<slug:festival>/schedule.json",
        schedule_exports.schedule_json,
        name="festival-schedule-json",
    ),
    # Write-ups of sessions on the Hub. The speaker's post-session prompt links to writeup-new:
    # keep that address stable.
    path("write-ups/", writeups.writeup_list, name="writeup-list"),
    path("write-ups/feed.atom", require_safe(WriteUpFeed()), name="writeup-feed"),
    path("write-ups/<slug:writeup>/", writeups.writeup_detail, name="writeup-detail"),
    path(
        "festivals/<slug:festival>/sessions/<slug:session>/write-up/",
        writeups.writeup_new,
        name="writeup-new",
    ),
    path("write-ups/<slug:writeup>/edit/", writeups.writeup_edit, name="writeup-edit"),
    path("me/write-up-emails/", writeups.my_writeup_emails, name="my-writeup-emails"),
    # Reminders: settings on /me/, and the one-click link in every reminder (no login).
    path("me/reminders/", reminders.save_my_reminder_settings, name="my-reminder-settings"),
    path("reminders/<str:token>/stop/", reminders.reminder_stop_link, name="reminder-stop"),
]
