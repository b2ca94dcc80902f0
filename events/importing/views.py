"""Organiser pages: only a festival's organisers reach them (see events.permissions)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from events.importing import (
    ImportPlan,
    ImportRejected,
    Problem,
    ProgrammeChangedSincePreview,
    apply_import,
    plan_import,
)
from events.importing.exports import programme_csv
from events.importing.forms import ProgrammeConfirmForm, ProgrammeUploadForm
from events.permissions import organiser_required
from festival.models import Festival

UPLOAD_TEMPLATE = "events/organise/import_upload.html"
PREVIEW_TEMPLATE = "events/organise/import_preview.html"
PROGRAMME_CHANGED = (
    "The programme has changed since this file was checked. Here is what the import would do "
    "now: check it and confirm again."
)


@require_http_methods(["GET", "POST"])
@organiser_required
def import_programme_page(request: HttpRequest, festival: Festival) -> HttpResponse:
    """Upload a CSV (step 1), check the preview (step 2), confirm: then back here, with a
    message saying what was imported."""
    if request.method == "POST" and request.POST.get("step") == "confirm":
        return confirm_import(request, festival)
    if request.method == "POST":
        form = ProgrammeUploadForm(request.POST, request.FILES)
        if form.is_valid():
            plan = plan_import(
                festival=festival,
                content=form.cleaned_data["file"],
                cancel_missing=form.cleaned_data["cancel_missing"],
            )
            return render_plan(request, plan)
    else:
        form = ProgrammeUploadForm()
    return render_upload(request, festival, form)


def confirm_import(request: HttpRequest, festival: Festival) -> HttpResponse:
    form = ProgrammeConfirmForm(request.POST)
    if not form.is_valid():
        notice = "The confirmation was incomplete. Upload the file again."
        return render_upload(request, festival, ProgrammeUploadForm(), notice=notice, status=400)
    # The hidden fields came from the browser: check the file again, from the start.
    plan = plan_import(
        festival=festival,
        content=form.cleaned_data["content"],
        cancel_missing=form.cleaned_data["cancel_missing"],
    )
    if not plan.is_valid:
        return render_plan(request, plan)
    if plan.fingerprint != form.cleaned_data["fingerprint"]:
        return render_plan(request, plan, notice=PROGRAMME_CHANGED)
    try:
        result = apply_import(plan=plan)
    except ImportRejected as rejected:
        return render_plan(request, rejected.plan)
    except ProgrammeChangedSincePreview as changed:
        return render_plan(request, changed.plan, notice=PROGRAMME_CHANGED)
    messages.success(request, f"Programme imported: {result.summary()}.")
    return redirect("organise-import", festival=festival.slug)


def render_plan(request: HttpRequest, plan: ImportPlan, *, notice: str = "") -> HttpResponse:
    """The preview with its confirm button, or the problems with the upload form again."""
    if not plan.is_valid:
        form = ProgrammeUploadForm(initial={"cancel_missing": plan.cancel_missing})
        return render_upload(request, plan.festival, form, errors=plan.errors)
    confirm_form = ProgrammeConfirmForm(
        initial={
            "content": plan.content,
            "cancel_missing": plan.cancel_missing,
            "fingerprint": plan.fingerprint,
        }
    )
    context = {"festival": plan.festival, "plan": plan, "form": confirm_form, "notice": notice}
    return render(request, PREVIEW_TEMPLATE, context)


def render_upload(
    request: HttpRequest,
    festival: Festival,
    form: ProgrammeUploadForm,
    *,
    errors: list[Problem] | None = None,
    notice: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {"festival": festival, "form": form, "errors": errors or [], "notice": notice}
    return render(request, UPLOAD_TEMPLATE, context, status=status)


@require_safe
@organiser_required
def programme_csv_download(request: HttpRequest, festival: Festival) -> HttpResponse:
    """The programme in the import's own columns: edit it in a spreadsheet, import it back."""
    response = HttpResponse(
        programme_csv(festival=festival), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{festival.slug}-programme.csv"'
    return response
