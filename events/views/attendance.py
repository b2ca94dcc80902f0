"""Booking from the session page, and "my programme". (Being written.)"""

from django.http import HttpResponse


def book_session(request, festival, session):
    return HttpResponse("todo")


def cancel_session_booking(request, festival, session):
    return HttpResponse("todo")


def my_programme(request):
    return HttpResponse("todo")
