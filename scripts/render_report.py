"""Render the HTML progress report of the sample (or of --data DIR) to PNG with headless Chromium.

For a person to look at the report. Skips with a message when Chromium is not
installed (Debian: ``apt-get install chromium``).

Usage: python scripts/render_report.py [--data DIR] [--as-of 2024-10-01] [--out report.png]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT / "data"))
    parser.add_argument("--as-of", default="2024-10-01")
    parser.add_argument("--out", default="report.png")
    args = parser.parse_args()
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        print("Chromium is niet geïnstalleerd; niets gerenderd.")
        return 0
    with tempfile.TemporaryDirectory() as folder:
        html = Path(folder) / "rapport.html"
        subprocess.run(
            [sys.executable, "-m", "limnorm", "report", "--format", "html", "--data", args.data,
             "--as-of", args.as_of, "-o", str(html)],
            check=True,
        )  # fmt: skip
        out = Path(args.out).resolve()
        subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", f"--user-data-dir={folder}/profile", "--hide-scrollbars",
             "--window-size=900,2400", f"--screenshot={out}", html.as_uri()],
            check=True,
            capture_output=True,
        )  # fmt: skip
        print(f"Geschreven: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
