"""Organiser pages. (Being written.)"""

from django.http import HttpResponse


def import_programme_page(request, festival):
    return HttpResponse("todo")
