"""axe-core (npm, locked in package-lock.json) injected into a page: the serious and critical
accessibility violations it finds, as plain data a test can compare with []."""

from pathlib import Path

from playwright.sync_api import Page

AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")
# Every rule axe has (WCAG 2.2 A and AA and its best practices); only violations come back.
RUN_OPTIONS = {"resultTypes": ["violations"]}


def axe_violations(page: Page) -> list[dict]:
    """Run axe on the page as it is now; each serious or critical violation as its rule id,
    impact, help text and the CSS targets of the elements that fail it."""
    # Evaluated, not added as a <script>: the site's Content-Security-Policy refuses inline
    # scripts, and rightly; what the test itself runs is not the page's script.
    page.evaluate(AXE_SCRIPT.read_text())
    results = page.evaluate("options => axe.run(document, options)", RUN_OPTIONS)
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"]],
        }
        for violation in results["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


def describe(found: dict[str, list[dict]]) -> str:
    """One line per violation, for an assertion message a person can act on."""
    return "\n".join(
        f"{page}: {violation['id']} ({violation['impact']}) {violation['help']}: "
        + ", ".join(" ".join(target) for target in violation["targets"])
        for page, violations in found.items()
        for violation in violations
    )
