"""The schedule editor's pages: only a festival's organisers reach them.

Every action is a plain form that works without JavaScript and answers with a redirect;
static/js/schedule-editor.js adds dragging on a wide screen, posting the same move form.
"""

from datetime import date
from urllib.parse import quote

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from events.enums import SessionStatus
from events.importing import COLUMNS
from events.models import Session
from events.permissions import organiser_required, session_or_404
from events.schedule_editor import selectors
from events.schedule_editor.forms import MoveForm, PublishForm, SessionForm
from events.schedule_editor.presenters import (
    change_label,
    editor_day,
    end_keeping_length,
    form_problems,
)
from events.schedule_editor.services import (
    EditConflict,
    EditRefused,
    EditSaved,
    delete_session,
    discard_drafts,
    moved,
    publish_drafts,
    save_session_edit,
    version_of,
    with_status,
)
from festival.models import Festival

FORM_TEMPLATE = "events/organise/session_form.html"
# Where the last change an organiser made in the editor is kept, to undo it (their session).
UNDO_KEY = "schedule_editor_undo"


@require_safe
@organiser_required
def schedule_editor(request: HttpRequest, festival: Festival) -> HttpResponse:
    """One day of the programme as organisers edit it: drafts shown, every action a form."""
    days = festival.days()
    day = chosen_day(request.GET.get("day", ""), days)
    rooms = selectors.rooms_of(festival=festival)
    drafts = selectors.drafts_of(festival=festival)
    grid = editor_day(
        festival=festival,
        day=day,
        rooms=rooms,
        sessions=selectors.sessions_on_day(festival=festival, day=day),
        drafts=drafts,
    )
    context = {
        "festival": festival,
        "grid": grid,
        "days": days,
        "day": day,
        "draft_count": len(selectors.placed_drafts(drafts)),
        "undo": undo_of(request, festival),
        "back": request.get_full_path(),
        "back_query": quote(request.get_full_path(), safe=""),
    }
    return render(request, "events/organise/schedule_editor.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@organiser_required
def session_new(request: HttpRequest, festival: Festival) -> HttpResponse:
    """A new session; from an empty slot of the editor its day, time and room come filled."""
    if request.method == "POST":
        return save_form(request, festival, session=None)
    prefill = {key: request.GET.get(key, "") for key in ("date", "start", "end", "room")}
    events = list(festival.events.order_by("start", "pk")[:1])
    prefill["event"] = events[0].slug if events else ""
    prefill["format"] = "talk"
    form = SessionForm.of_row(prefill, festival=festival, version=version_of(None, None))
    return render_form(request, festival, form, session=None)


@require_http_methods(["GET", "HEAD", "POST"])
@organiser_required
def session_edit(request: HttpRequest, festival: Festival, session: str) -> HttpResponse:
    chosen = session_or_404(selectors.session_to_edit(festival=festival, slug=session))
    if request.method == "POST":
        return save_form(request, festival, session=chosen)
    row, version = current_state(festival, chosen)
    form = SessionForm.of_row(row, festival=festival, version=version)
    return render_form(request, festival, form, session=chosen)


@require_http_methods(["GET", "HEAD", "POST"])
@organiser_required
def draft_edit(request: HttpRequest, festival: Festival, ref: str) -> HttpResponse:
    """A new session that is still a draft (it has no page yet)."""
    draft = selectors.draft_with_ref(festival=festival, ref=ref)
    if draft is None or draft.session_id is not None:
        raise Http404("No unpublished new session has that address.")
    if request.method == "POST":
        return save_form(request, festival, session=None, draft_ref=ref)
    form = SessionForm.of_row(draft.row, festival=festival, version=version_of(None, draft))
    return render_form(request, festival, form, session=None, draft=draft)


@require_http_methods(["GET", "HEAD", "POST"])
@organiser_required
def session_move(request: HttpRequest, festival: Festival, session: str) -> HttpResponse:
    """The editor's Move: a room, a day and a time (the length kept if no end is given). The
    editor's dragging posts here too."""
    if request.method == "POST":
        chosen = session_or_404(selectors.session_with_slug(festival=festival, slug=session))
        return move(request, festival, session=chosen, draft_ref="")
    chosen = session_or_404(selectors.session_to_edit(festival=festival, slug=session))
    row, version = current_state(festival, chosen)
    return render_move(request, festival, row=row, version=version)


@require_http_methods(["GET", "HEAD", "POST"])
@organiser_required
def draft_move(request: HttpRequest, festival: Festival, ref: str) -> HttpResponse:
    draft = selectors.draft_with_ref(festival=festival, ref=ref)
    if draft is None:
        raise Http404("No unpublished new session has that address.")
    if request.method != "POST":
        return render_move(request, festival, row=draft.row, version=version_of(None, draft))
    return move(request, festival, session=None, draft_ref=ref)


def render_move(
    request: HttpRequest, festival: Festival, *, row: dict[str, str], version: str
) -> HttpResponse:
    back = request.GET.get("back", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = editor_url(festival, day=safe_day(row["date"]))
    form = MoveForm(
        initial={**row, "version": version}, rooms=selectors.rooms_of(festival=festival)
    )
    context = {"festival": festival, "form": form, "row": row, "back": back}
    return render(request, "events/organise/session_move.html", context)


@require_POST
@organiser_required
def session_cancel(request: HttpRequest, festival: Festival, session: str) -> HttpResponse:
    return change_status(request, festival, session, SessionStatus.CANCELLED)


@require_POST
@organiser_required
def session_restore(request: HttpRequest, festival: Festival, session: str) -> HttpResponse:
    return change_status(request, festival, session, SessionStatus.SCHEDULED)


@require_http_methods(["GET", "HEAD", "POST"])
@organiser_required
def session_delete(request: HttpRequest, festival: Festival, session: str) -> HttpResponse:
    """Ask, then delete a session nobody has booked (a booked one is cancelled instead)."""
    chosen = session_or_404(selectors.session_to_edit(festival=festival, slug=session))
    back = editor_url(festival, day=chosen.start.astimezone(festival.zone).date())
    if request.method == "POST":
        try:
            delete_session(festival=festival, session=chosen)
        except EditRefused as refused:
            for problem in refused.problems:
                messages.error(request, problem)
            return redirect(reverse("organise-session-edit", args=[festival.slug, chosen.slug]))
        messages.success(request, f"“{chosen.title}” is deleted.")
        return redirect(back)
    context = {"festival": festival, "session": chosen, "back": back}
    return render(request, "events/organise/session_delete.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@organiser_required
def publish_page(request: HttpRequest, festival: Festival) -> HttpResponse:
    """The unpublished changes, as the import's preview lists them; publish or discard all."""
    form = PublishForm(request.POST or None)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "discard":
            count = discard_drafts(festival=festival)
            messages.success(
                request,
                ngettext(
                    "%(count)s unpublished change discarded.",
                    "%(count)s unpublished changes discarded.",
                    count,
                )
                % {"count": count},
            )
            return redirect(reverse("organise-publish", args=[festival.slug]))
        if action == "publish" and form.is_valid():
            try:
                published = publish_drafts(
                    festival=festival, by=request.user, note=form.cleaned_data["note"]
                )
            except EditRefused as refused:
                for problem in refused.problems:
                    messages.error(request, problem)
                return redirect(reverse("organise-publish", args=[festival.slug]))
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)s change published.",
                        "%(count)s changes published.",
                        published.count,
                    )
                    % {"count": published.count},
                )
                for warning in published.warnings:
                    messages.warning(request, warning)
                return redirect(reverse("organise-publish", args=[festival.slug]))
    drafts = selectors.drafts_of(festival=festival)
    context = {
        "festival": festival,
        "changes": [(draft, change_label(draft)) for draft in selectors.placed_drafts(drafts)],
        "tray": [draft for draft in drafts if not draft.is_placed],
        "form": form,
    }
    return render(request, "events/organise/publish.html", context)


@require_POST
@organiser_required
def publish_mode(request: HttpRequest, festival: Festival) -> HttpResponse:
    """Switch "publish each change at once" (for the day itself) on or off."""
    festival.publish_changes_at_once = request.POST.get("at_once") == "on"
    festival.save(update_fields=["publish_changes_at_once"])
    if festival.publish_changes_at_once:
        messages.success(request, "Each change is now published at once: no drafts.")
    else:
        messages.success(request, "Changes are now saved as drafts until you publish them.")
    return redirect(back_or(request, editor_url(festival)))


@require_POST
@organiser_required
def undo_last_change(request: HttpRequest, festival: Festival) -> HttpResponse:
    """Put back the session this organiser last changed in the editor, as it was before (a
    published change is undone by publishing the old version: people hear of it again)."""
    undo = request.session.pop(UNDO_KEY, None)
    if not undo or undo.get("festival") != festival.slug:
        messages.info(request, "There is no change of yours to undo.")
        return redirect(back_or(request, editor_url(festival)))
    session = None
    if undo["session"]:
        session = session_or_404(selectors.session_to_edit(festival=festival, slug=undo["session"]))
    try:
        saved = save_session_edit(
            festival=festival,
            session=session,
            row=undo["before"],
            started_from=undo["version"],
            by=request.user,
            publish=undo["published"],
            draft_ref=undo["draft_ref"],
        )
    except (EditRefused, EditConflict) as error:
        problems = error.problems if isinstance(error, EditRefused) else [str(error)]
        for problem in problems:
            messages.error(request, f"Not undone: {problem}")
    else:
        messages.success(request, f"Undone: “{undo['before']['title']}” is back as it was.")
        for warning in saved.warnings:
            messages.warning(request, warning)
    return redirect(back_or(request, editor_url(festival)))


def undo_of(request: HttpRequest, festival: Festival) -> dict | None:
    undo = request.session.get(UNDO_KEY)
    return undo if undo and undo.get("festival") == festival.slug else None


def remember_undo(
    request: HttpRequest,
    festival: Festival,
    *,
    session: Session | None,
    draft_ref: str,
    saved: EditSaved,
) -> None:
    """Keep, for this organiser only, what undoes the change just made: the row before it,
    and the version after it (so an undo after someone else's change is refused)."""
    if not saved.changed or saved.before is None:
        return
    request.session[UNDO_KEY] = {
        "festival": festival.slug,
        "session": session.slug if session is not None else "",
        "draft_ref": draft_ref,
        "before": saved.before,
        "version": saved.version,
        "published": saved.published,
        "title": saved.row.get("title", ""),
    }


def save_form(
    request: HttpRequest, festival: Festival, *, session: Session | None, draft_ref: str = ""
) -> HttpResponse:
    form = SessionForm(request.POST, festival=festival)
    if not form.is_valid():
        # Only the hidden version and the button can be missing: a tampered or cut-off post.
        problems = ["The form arrived incomplete: nothing was saved. Check it and save again."]
        return render_form(request, festival, form, session=session, problems=problems, status=400)
    row = form.row()
    try:
        saved = save_session_edit(
            festival=festival,
            session=session,
            row=row,
            started_from=form.cleaned_data["version"],
            by=request.user,
            publish=form.publishing,
            draft_ref=draft_ref,
        )
    except EditRefused as refused:
        return render_form(
            request, festival, form, session=session, problems=refused.problems, status=400
        )
    except EditConflict as conflict:
        # Their version becomes the one this form stands on: saving again overwrites it,
        # knowingly.
        form = SessionForm(request.POST | {"version": conflict.version}, festival=festival)
        form.is_valid()
        theirs = conflict.theirs or {}
        rows = [(column, theirs.get(column, ""), row.get(column, "")) for column in COLUMNS[1:]]
        context = {"conflict": conflict, "conflict_rows": rows}
        return render_form(request, festival, form, session=session, status=409, **context)
    say_saved(request, saved, title=row.get("title", ""))
    remember_undo(request, festival, session=session, draft_ref=draft_ref, saved=saved)
    return redirect(editor_url(festival, day=safe_day(row["date"])))


def move(
    request: HttpRequest, festival: Festival, *, session: Session | None, draft_ref: str
) -> HttpResponse:
    # The rooms are the import's to check: the form only carries the name.
    form = MoveForm(request.POST, rooms=[])
    if not form.is_valid():
        messages.error(request, "Give the room, the day and the start time to move it to.")
        return redirect(back_or(request, editor_url(festival)))
    data = form.cleaned_data

    def to_new_place(current: dict[str, str]) -> dict[str, str]:
        try:
            end = data["end"] or end_keeping_length(current, start=data["start"])
        except ValueError:
            end = data["end"]  # the import says what is wrong with the times
        return moved(current, room=data["room"], date=data["date"], start=data["start"], end=end)

    back = back_or(request, editor_url(festival, day=safe_day(data["date"])))
    try:
        saved = save_session_edit(
            festival=festival,
            session=session,
            change=to_new_place,
            started_from=data["version"],
            by=request.user,
            publish=form.publishing,
            draft_ref=draft_ref,
        )
    except EditRefused as refused:
        for problem in refused.problems:
            messages.error(request, f"Not moved: {problem}")
    except EditConflict as conflict:
        messages.error(request, f"Not moved: {conflict} Look again and move it again.")
    else:
        say_saved(request, saved, title=saved.row["title"])
        remember_undo(request, festival, session=session, draft_ref=draft_ref, saved=saved)
    return redirect(back)


def change_status(
    request: HttpRequest, festival: Festival, session: str, status: str
) -> HttpResponse:
    chosen = session_or_404(selectors.session_with_slug(festival=festival, slug=session))
    try:
        saved = save_session_edit(
            festival=festival,
            session=chosen,
            change=lambda current: with_status(current, status),
            started_from=request.POST.get("version", ""),
            by=request.user,
            publish=request.POST.get("action") == "publish",
        )
    except (EditRefused, EditConflict) as error:
        problems = error.problems if isinstance(error, EditRefused) else [str(error)]
        for problem in problems:
            messages.error(request, problem)
    else:
        say_saved(request, saved, title=chosen.title)
        remember_undo(request, festival, session=chosen, draft_ref="", saved=saved)
    return redirect(back_or(request, editor_url(festival)))


def current_state(festival: Festival, session: Session) -> tuple[dict[str, str], str]:
    """The session as organisers last left it (its draft, or what is published), and the
    version a form about it carries."""
    draft = selectors.draft_with_ref(festival=festival, ref=session.ref) if session.ref else None
    row = draft.row if draft is not None else selectors.published_row(session)
    return row, version_of(session, draft)


def say_saved(request: HttpRequest, saved: EditSaved, *, title: str) -> None:
    if not saved.changed:
        messages.info(request, f"“{title}”: nothing had changed, so nothing was saved.")
    elif saved.published:
        messages.success(request, f"“{title}” is published: everyone booked will hear of it.")
    else:
        messages.success(
            request, f"“{title}” is saved as a draft: only organisers see it until you publish."
        )
    for warning in saved.warnings:
        messages.warning(request, warning)


def render_form(
    request: HttpRequest,
    festival: Festival,
    form: SessionForm,
    *,
    session: Session | None,
    draft=None,
    problems: list[str] | None = None,
    status: int = 200,
    **extra,
) -> HttpResponse:
    history = selectors.history_of(session=session) if session is not None else []
    context = {
        "festival": festival,
        "form": form,
        "session": session,
        "draft": draft,
        "problems": form_problems(problems or [], form),
        "history": history,
        "at_once": festival.publish_changes_at_once,
        **extra,
    }
    return render(request, FORM_TEMPLATE, context, status=status)


def chosen_day(asked: str, days: list[date]) -> date:
    day = safe_day(asked)
    if day in days:
        return day
    if asked:
        raise Http404("The festival has no such day.")
    return days[0]


def safe_day(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def back_or(request: HttpRequest, default: str) -> str:
    """Where the form came from (the editor day it was posted from), if it is this site."""
    back = request.POST.get("back", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return back
    return default


def editor_url(festival: Festival, *, day: date | None = None) -> str:
    url = reverse("organise-schedule", args=[festival.slug])
    return f"{url}?{urlencode({'day': day.isoformat()})}" if day else url
