"""The editor's dragging library is served from static/vendor/, never a CDN: the copy there is
the version package-lock.json locks, byte for byte but for its source-map comment."""

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SOURCE_MAP_COMMENT = b"//# sourceMappingURL=interact.min.js.map\n"


def test_the_vendored_interactjs_is_the_locked_version():
    lock = json.loads((ROOT / "package-lock.json").read_text())
    version = lock["packages"]["node_modules/interactjs"]["version"]
    installed = ROOT / "node_modules" / "interactjs" / "dist" / "interact.min.js"
    if not installed.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("CI must run `npm ci` first: node_modules/interactjs is missing.")
        pytest.skip("needs `npm ci` (node_modules/interactjs)")
    vendored = ROOT / "static" / "vendor" / f"interact-{version}.min.js"
    # The comment names a .map file we do not ship; production's collectstatic (the manifest
    # storage) refuses a file that points at a missing map, so the copy goes without it.
    assert vendored.read_bytes() == installed.read_bytes().removesuffix(SOURCE_MAP_COMMENT)
