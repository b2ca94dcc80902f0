"""Public programme pages. (Being written.)"""

from django.http import HttpResponse


def festival_detail(request, festival):
    return HttpResponse("todo")


def programme_timetable(request, festival):
    return HttpResponse("todo")


def schedule_changes(request, festival):
    return HttpResponse("todo")


def session_detail(request, festival, session):
    return HttpResponse("todo")


def speaker_detail(request, festival, speaker):
    return HttpResponse("todo")
