"""Check the HTML reports with axe-core in headless Chromium (WCAG 2.1 AA rules).

Writes the progress report (of the sample, or of --data DIR) and, with --regio, the
regional report, loads each in headless Chromium with axe-core injected, and prints every
violation. Exits 1 when a violation is serious or critical, 0 otherwise; skips with a
message (exit 0) when Chromium or axe-core is not installed.

axe-core is not a dependency of limnorm: install it anywhere with
``npm install axe-core`` and pass ``--axe node_modules/axe-core/axe.min.js`` (or set
``AXE_CORE``). Chromium: ``apt-get install chromium`` on Debian.

How: a copy of the report gets axe-core and a few lines that run it and store the result
as an attribute of ``<html>``; ``chromium --dump-dom`` prints the document after its
scripts ran. The report itself contains no script; only the copy under test does.

Usage: python scripts/axe_report.py [--data DIR] [--regio DIR] [--as-of 2024-10-01]
                                    [--axe PATH] [--keep DIR]
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BLOCKING = {"serious", "critical"}

_RUNNER = """<script>
axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
        "best-practice"]}})
  .then(function (result) {
    document.documentElement.setAttribute("data-axe", JSON.stringify({
      violations: result.violations.map(function (v) {
        return {id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(function (n) { return n.target.join(" "); })};
      }),
      passes: result.passes.length}));
  })
  .catch(function (error) {
    document.documentElement.setAttribute("data-axe", JSON.stringify({error: String(error)}));
  });
</script>"""


def _axe_source(given: str | None) -> Path | None:
    candidates = [given, os.environ.get("AXE_CORE"), "node_modules/axe-core/axe.min.js"]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def _browser() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _write_report(args: list[str], target: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "limnorm", "report", "--format", "html", *args, "-o", str(target)],
        check=True,
    )


def _check(browser: str, axe: Path, report: Path, folder: Path) -> dict[str, object]:
    page = report.read_text(encoding="utf-8")
    script = f"<script>{axe.read_text(encoding='utf-8')}</script>{_RUNNER}"
    under_test = folder / f"axe-{report.name}"
    under_test.write_text(page.replace("</body>", f"{script}</body>"), encoding="utf-8")
    dom = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={folder}/profile", "--virtual-time-budget=20000",
         "--window-size=1000,1400", "--dump-dom", under_test.as_uri()],
        check=True,
        capture_output=True,
        text=True,
    ).stdout  # fmt: skip
    match = re.search(r'data-axe="([^"]*)"', dom)
    if match is None:
        return {"error": "axe-core gaf geen resultaat (de pagina laadde niet of te traag)"}
    result: dict[str, object] = json.loads(html.unescape(match[1]))
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT / "data"))
    parser.add_argument("--regio", default=None)
    parser.add_argument("--as-of", default="2024-10-01")
    parser.add_argument("--axe", default=None, help="path of axe.min.js")
    parser.add_argument("--keep", default=None, help="also keep the reports in this folder")
    args = parser.parse_args()
    browser, axe = _browser(), _axe_source(args.axe)
    if browser is None:
        print("Chromium is niet geïnstalleerd; niets gecontroleerd.")
        return 0
    if axe is None:
        print("axe-core niet gevonden (npm install axe-core; --axe PAD); niets gecontroleerd.")
        return 0
    failed = False
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        reports = {"rapport.html": ["--data", args.data, "--as-of", args.as_of]}
        if args.regio:
            reports["regio.html"] = ["--regio", args.regio, "--as-of", args.as_of]
        for filename, options in reports.items():
            target = folder / filename
            _write_report(options, target)
            if args.keep:
                shutil.copy(target, Path(args.keep) / filename)
            result = _check(browser, axe, target, folder)
            if "error" in result:
                print(f"{filename}: {result['error']}")
                failed = True
                continue
            violations = result["violations"]
            assert isinstance(violations, list)
            print(f"{filename}: {result['passes']} regels in orde, {len(violations)} overtredingen")
            for violation in violations:
                print(f"  [{violation['impact']}] {violation['id']}: {violation['help']}")
                for node in violation["nodes"][:5]:
                    print(f"      {node}")
                failed = failed or violation["impact"] in BLOCKING
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
