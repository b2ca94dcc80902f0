"""frab/c3voc schedule exports. (Being written.)"""

from django.http import HttpResponse


def schedule_xml(request, festival):
    return HttpResponse("todo")


def schedule_json(request, festival):
    return HttpResponse("todo")
