"""Programme import from a CSV file: check it (`plan_import`), then write it (`apply_import`).

    plan = plan_import(festival=festival, content=data, cancel_missing=False)
    if plan.is_valid:
        result = apply_import(plan=plan)

The command `import_programme` and the organiser page `/organise/<festival>/import/` both use
these; `import_programme` does both steps at once. The rest of the package: `parse` and `rows`
(a row's cells, then its place in the programme), `state` (the programme as it stands),
`clashes`, `report`, `forms` and `views` (upload, preview, confirm), `exports` (the
programme as CSV in the same columns).
"""

from events.importing.apply import (
    ImportRejected,
    ImportResult,
    ProgrammeChangedSincePreview,
    apply_import,
    import_programme,
)
from events.importing.plan import Cancellation, ImportPlan, SessionPlan, plan_import
from events.importing.report import format_report, format_result
from events.importing.text import (
    ALL_COLUMNS,
    COLUMNS,
    Problem,
    ProgrammeFileError,
    decode_programme,
    escape_formula,
    unify_line_ends,
)

__all__ = [
    "ALL_COLUMNS",
    "COLUMNS",
    "Cancellation",
    "ImportPlan",
    "ImportRejected",
    "ImportResult",
    "Problem",
    "ProgrammeChangedSincePreview",
    "ProgrammeFileError",
    "SessionPlan",
    "apply_import",
    "decode_programme",
    "escape_formula",
    "format_report",
    "format_result",
    "import_programme",
    "plan_import",
    "unify_line_ends",
]
