"""Write-ups: the public list and page, the form (draft, preview, publish, edit) and the
attendee's choice of emails about them.

Who may do what is decided in `events.writeups.selectors`: anonymous visitors are sent to log
in, signed-in people who may not are told why (403), and a draft is a 404 to everyone but its
author and the festival's organisers.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from events.models import Session, WriteUp, WriteUpOptOut
from events.permissions import session_or_404, visible_festival_required
from events.programme.selectors import session_of_festival
from events.writeups.forms import WriteUpEmailsForm, WriteUpForm
from events.writeups.selectors import (
    Refusal,
    may_edit,
    may_see,
    public_writeups,
    writeup_for_page,
    writeup_in_brief,
    writeup_of_author,
    writeup_refusal,
    writeup_to_edit,
)
from events.writeups.services import (
    WriteUpError,
    create_writeup,
    set_writeup_emails,
    update_writeup,
)
from festival.models import Festival
from festival.page_cache import Page, PageVersion, serve_page, stamps

PER_PAGE = 20
DRAFT_ACTIONS = [("draft", "Save draft"), ("preview", "Preview"), ("publish", "Publish")]
PUBLISHED_ACTIONS = [("save", "Save changes"), ("preview", "Preview")]


@require_safe
def writeup_list(request: HttpRequest) -> HttpResponse:
    """Published write-ups, newest first, a page at a time; rendered once per version."""

    def build() -> Page:
        asked = request.GET.get("page", "1")
        page = Paginator(public_writeups(), PER_PAGE).get_page(asked)
        # An unreadable page number shows the last page: kept only under its own address.
        return Page(
            "events/writeup_list.html",
            {"page": page, "writeups": page},
            keep=asked == str(page.number),
        )

    return serve_page(
        request,
        # The sessions' titles and festivals' names are on it: any programme's change.
        version=PageVersion(stamps("writeups", "festivals", "programmes")),
        build=build,
        parameters=frozenset({"page"}),
    )


@require_safe
def writeup_detail(request: HttpRequest, writeup: str) -> HttpResponse:
    """A write-up, rendered once per version; its author and the festival's organisers (who
    may edit it, and see it before it is public) get it rendered for them."""
    brief = writeup_in_brief(slug=writeup)
    if brief is None:
        raise Http404("No write-up has that address.")
    festival = brief.session.festival
    if not may_see(writeup=brief, festival=festival, user=request.user):
        raise Http404("No write-up has that address.")
    editor = may_edit(writeup=brief, festival=festival, user=request.user)

    def build() -> Page:
        found = writeup_for_page(slug=writeup)
        return Page(
            "events/writeup_detail.html",
            {
                "writeup": found,
                "session": found.session,
                "festival": festival,
                "stories": found.stories.all(),
                "may_edit": editor,
            },
        )

    return serve_page(
        request,
        # Its session and festival; the stories it links back to.
        version=PageVersion(
            (
                brief.pk,
                festival.updated_at,
                festival.programme_changed_at,
                *stamps("writeups", "stories"),
            )
        ),
        build=build,
        fresh=editor,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@visible_festival_required
def writeup_new(request: HttpRequest, festival: Festival, session: str) -> HttpResponse:
    """Start a write-up of a session; the person's own, if they have started one already."""
    chosen = session_or_404(session_of_festival(festival=festival, slug=session))
    refusal = writeup_refusal(
        session=chosen, festival=festival, user=request.user, now=timezone.now()
    )
    if refusal is not None:
        return refused(request, refusal, session=chosen, festival=festival)
    started = writeup_of_author(session=chosen, user=request.user)
    if started is not None:
        return redirect("writeup-edit", writeup=started.slug)
    if request.method == "POST":
        return handle_form(request, session=chosen, festival=festival, writeup=None)
    form = WriteUpForm(search=request.GET.get("story_search", ""))
    return render_form(request, form, session=chosen, festival=festival, writeup=None)


@require_http_methods(["GET", "HEAD", "POST"])
def writeup_edit(request: HttpRequest, writeup: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    found = writeup_to_edit(slug=writeup)
    if found is None:
        raise Http404("No write-up has that address.")
    session, festival = found.session, found.session.festival
    if not may_edit(writeup=found, festival=festival, user=request.user):
        if not may_see(writeup=found, festival=festival, user=request.user):
            raise Http404("No write-up has that address.")
        return refused(
            request,
            Refusal("Only the author of a write-up and the festival's organisers can edit it."),
            session=session,
            festival=festival,
        )
    if request.method == "POST":
        return handle_form(request, session=session, festival=festival, writeup=found)
    form = WriteUpForm.for_writeup(found, search=request.GET.get("story_search", ""))
    return render_form(request, form, session=session, festival=festival, writeup=found)


def handle_form(
    request: HttpRequest, *, session: Session, festival: Festival, writeup: WriteUp | None
) -> HttpResponse:
    """One press of the form's buttons: find stories, preview, save a draft, publish, or save
    a published write-up's changes. Only the last three write anything."""
    action = request.POST.get("action", "")
    published = writeup is not None and writeup.is_published
    if action == "find":
        form = WriteUpForm.keeping(request.POST, publishing=published)
        return render_form(request, form, session=session, festival=festival, writeup=writeup)
    form = WriteUpForm(request.POST, publishing=published or action == "publish")
    if not form.is_valid():
        return render_form(request, form, session=session, festival=festival, writeup=writeup)
    if action not in ("draft", "publish", "save"):
        # "Preview", or a form sent without a button (Enter in some browsers): show, save nothing.
        return render_form(
            request, form, session=session, festival=festival, writeup=writeup, preview=True
        )
    publish = action == "publish"
    try:
        if writeup is None:
            writeup = create_writeup(
                session=session, author=request.user, content=form.content(), publish=publish
            )
        else:
            writeup = update_writeup(writeup=writeup, content=form.content(), publish=publish)
    except WriteUpError as error:
        form.add_error(None, str(error))
        return render_form(request, form, session=session, festival=festival, writeup=writeup)
    if published:
        messages.success(request, "Changes saved. The write-up says when it was last edited.")
        return redirect(writeup.get_absolute_url())
    if publish:
        messages.success(
            request,
            "Published. It is on the session page and the Hub now, and the people who had a "
            "place on the session are being emailed a link to it.",
        )
        return redirect(writeup.get_absolute_url())
    messages.success(
        request,
        "Draft saved. Only you and the festival's organisers can see it until you publish it.",
    )
    return redirect("writeup-edit", writeup=writeup.slug)


def render_form(
    request: HttpRequest,
    form: WriteUpForm,
    *,
    session: Session,
    festival: Festival,
    writeup: WriteUp | None,
    preview: bool = False,
) -> HttpResponse:
    published = writeup is not None and writeup.is_published
    context = {
        "form": form,
        "session": session,
        "festival": festival,
        "writeup": writeup,
        "actions": PUBLISHED_ACTIONS if published else DRAFT_ACTIONS,
        "form_url": (
            reverse("writeup-edit", kwargs={"writeup": writeup.slug})
            if writeup is not None
            else reverse("writeup-new", kwargs={"festival": festival.slug, "session": session.slug})
        ),
    }
    if preview:
        content = form.content()
        context["preview"] = WriteUp(
            session=session,
            author_name=writeup.author_name if writeup else "",
            title=content.title,
            summary=content.summary,
            body=content.body,
            what_worked=content.what_worked,
            challenges=content.challenges,
            next_time=content.next_time,
        )
        context["preview_stories"] = list(content.stories)
    return render(request, "events/writeup_form.html", context)


def refused(
    request: HttpRequest, refusal: Refusal, *, session: Session, festival: Festival
) -> HttpResponse:
    if refusal.needs_login:
        return redirect_to_login(request.get_full_path())
    return render(
        request,
        "events/writeup_refused.html",
        {"message": refusal.message, "session": session, "festival": festival},
        status=403,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def my_writeup_emails(request: HttpRequest) -> HttpResponse:
    """Whether this person is emailed when a session they had a place on is written up."""
    form = WriteUpEmailsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wanted = form.cleaned_data["wanted"]
        set_writeup_emails(user=request.user, wanted=wanted)
        messages.success(
            request,
            "You will be emailed when a session you had a place on is written up."
            if wanted
            else "You will get no more emails about write-ups.",
        )
        return redirect("my-writeup-emails")
    wanted = not WriteUpOptOut.objects.filter(user=request.user).exists()
    return render(
        request,
        "events/writeup_emails.html",
        {"wanted": wanted, "form": form},
        status=400 if form.errors else 200,
    )
