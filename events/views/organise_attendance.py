"""Organiser pages for bookings, attendee lists and check-in. (Being written.)"""

from django.http import HttpResponse


def bookings_overview(request, festival):
    return HttpResponse("todo")


def session_bookings(request, festival, session):
    return HttpResponse("todo")


def session_attendees_csv(request, festival, session):
    return HttpResponse("todo")


def festival_attendees_csv(request, festival):
    return HttpResponse("todo")


def check_in_page(request, festival):
    return HttpResponse("todo")
