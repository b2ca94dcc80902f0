"""Hub pages. (Being written.)"""

from django.http import HttpResponse


def hub_home(request):
    return HttpResponse("todo")


def story_detail(request, story):
    return HttpResponse("todo")
