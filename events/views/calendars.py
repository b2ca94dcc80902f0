"""iCalendar feeds. (Being written.)"""

from django.http import HttpResponse


def festival_calendar(request, festival):
    return HttpResponse("todo")


def session_calendar(request, festival, session):
    return HttpResponse("todo")


def speaker_calendar(request, festival, speaker):
    return HttpResponse("todo")


def personal_calendar(request, token):
    return HttpResponse("todo")


def regenerate_calendar_link(request):
    return HttpResponse("todo")
