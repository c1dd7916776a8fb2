"""Refresh the example output in README.md, or check that it is current.

Every ```console block that starts with ``$ limnorm ...`` and names a fixed
date (``--as-of``) or is a ``when`` call is run from the repository root, 100
columns wide, on the sample data; its output replaces the block's old output.
Blocks ending in ``...`` are abridged by hand, and region examples need a
region folder: both are left alone.

Usage: python scripts/readme_examples.py [--check]
"""

from __future__ import annotations

import argparse
import re
import shlex
import sys
from pathlib import Path

from typer.testing import CliRunner

from limnorm.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BLOCK = re.compile(r"(```console\n\$ (limnorm [^\n]+)\n)(.*?)(```)", re.S)


def replayable(command: str, output: str) -> bool:
    """Whether a README example can be replayed: dated or date-free, not abridged, and not
    about a region (the README's region is a folder on the writer's machine)."""
    dated = "--as-of" in command or command.startswith("limnorm when ")
    return dated and "--regio" not in command and not output.rstrip("\n").endswith("...")


def run(command: str) -> str:
    """The output of a README command, as the README shows it (no trailing spaces)."""
    env = {"COLUMNS": "100", "NO_COLOR": "1", "LIMNORM_DATA": str(ROOT / "data")}
    result = CliRunner().invoke(app, shlex.split(command)[1:], env=env)
    return "\n".join(line.rstrip() for line in result.stdout.splitlines()) + "\n"


def examples(text: str) -> list[tuple[str, str]]:
    """(command, output) of every console example in the README text."""
    return [(m[2], m[3]) for m in BLOCK.finditer(text)]


def refresh(text: str) -> str:
    """The README text with every replayable example's output regenerated."""

    def replace(match: re.Match[str]) -> str:
        if not replayable(match[2], match[3]):
            return match[0]
        return f"{match[1]}{run(match[2])}{match[4]}"

    return BLOCK.sub(replace, text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale examples")
    args = parser.parse_args()
    import os

    os.chdir(ROOT)
    text = README.read_text(encoding="utf-8")
    new = refresh(text)
    if args.check:
        if new != text:
            print("README.md: voorbeelden zijn verouderd; draai scripts/readme_examples.py")
            return 1
        return 0
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
