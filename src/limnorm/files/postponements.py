"""Earlier deadlines from git history: "verschoven van … naar …" without ``oorspronkelijk``.

The rule (README, "Verschoven"): an action's first deadline is the ``wanneer`` it had in
the oldest commit of the spoorboekje in which its deadline could be read. When that
deadline lies before the action's current one, and the plan says nothing itself (no
``oorspronkelijk:``, no "(was …)" in the cell), the action shows it as the deadline it
was moved from (``Action.history_was``). A deadline that moved earlier is not postponed.
Uncommitted changes are the present, not history.

Every command that reads the plan pays for this, so it must cost next to nothing:
the map of first deadlines is cached (in the cache folder of :mod:`limnorm.files.cache`,
with its rules) under the commit HEAD points at, which is read from the files in
``.git`` (no git process). Only after a new commit is the history read, once: one
``git log`` and one ``git cat-file --batch``. Outside git, without commits, without git
installed, or when anything is unexpected, there is simply no history: no error, no
message.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from limnorm.core.models import Plan
from limnorm.files.discovery import DataSource
from limnorm.files.loader import PLAN_FILE
from limnorm.files.yamlsource import read_regular

if TYPE_CHECKING:
    from limnorm.files.cache import Cache

_HEX = "0123456789abcdef"
#: Bounds a file read from .git (HEAD, a ref, packed-refs): anything larger is not ours.
_MAX_REF_BYTES = 4 * 1024 * 1024


def _read(path: str) -> str | None:
    # A regular file only, bounded, never blocking (a FIFO named HEAD must not hang 'due').
    try:
        data = read_regular(Path(path), _MAX_REF_BYTES)
    except OSError:
        return None
    return data.decode("utf-8", "replace")


def _is_hash(text: str) -> bool:
    """A commit id as git writes it (SHA-1, or SHA-256)."""
    return len(text) in (40, 64) and not text.strip(_HEX)


def _git_dir(folder: str) -> str | None:
    """The git directory of a work tree whose top is ``folder``: ``.git`` itself, or where a
    ``.git`` file (a worktree, a submodule) points."""
    dotgit = os.path.join(folder, ".git")
    if os.path.isdir(dotgit):
        return dotgit
    text = _read(dotgit)
    if text is None or not text.startswith("gitdir:"):
        return None
    return os.path.normpath(os.path.join(folder, text[len("gitdir:") :].strip()))


def head(directory: Path) -> tuple[Path, str] | None:
    """(top of the work tree, commit id HEAD points at) for the repository holding
    ``directory``, read from the files in ``.git``; None outside git, before the first
    commit, or when something there is not as expected."""
    folder = os.path.abspath(directory)
    while True:
        git_dir = _git_dir(folder)
        if git_dir is not None:
            break
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent
    text = _read(os.path.join(git_dir, "HEAD"))
    if text is None:
        return None
    text = text.strip()
    if _is_hash(text):  # detached
        return Path(folder), text
    if not text.startswith("ref: "):
        return None
    ref = text[len("ref: ") :].strip()
    # A worktree keeps its HEAD; branches and packed refs are in the common directory.
    common = _read(os.path.join(git_dir, "commondir"))
    common_dir = os.path.normpath(os.path.join(git_dir, common.strip())) if common else git_dir
    for base in (git_dir, common_dir):
        found = _read(os.path.join(base, *ref.split("/")))
        if found is not None and _is_hash(found.strip()):
            return Path(folder), found.strip()
    packed = _read(os.path.join(common_dir, "packed-refs")) or ""
    for line in packed.splitlines():
        commit, _, name = line.partition(" ")
        if name == ref and _is_hash(commit):
            return Path(folder), commit
    return None  # a branch without commits yet


def first_deadlines(
    top: Path,
    plan: Path,
    commit: str,
    since: str | None = None,
    known: dict[str, tuple[str, date]] | None = None,
) -> dict[str, tuple[str, date]] | None:
    """Each action's first readable deadline in the history of ``plan`` up to ``commit``:
    (``wanneer`` as written, the deadline it gave then); None when git cannot be asked.
    With ``since`` (a commit in that history) and ``known`` (its result), only the commits
    after it are read: a new commit costs one commit's reading, not the whole history's."""
    from limnorm.core.errors import DataError
    from limnorm.files.git import log
    from limnorm.files.planversions import PlanReader, VersionStream

    try:
        commits = log(top, [plan], since, commit)
        first = dict(known or {})
        seen: set[str] = set()
        source = DataSource(plan.parent)
        with VersionStream(source, plan.parent, top, commits, checklist=False) as files:
            # A commit that only moved deadlines is read from its changed lines (as in
            # 'history'): the first reading of 500 commits took 2.8 s parsing each in full.
            reader = PlanReader(files)
            for at in files:
                if at.plan is None or at.plan.id in seen:  # the same contents say nothing new
                    continue
                seen.add(at.plan.id)
                state = reader.read(at)
                for item in state.items if state is not None else ():
                    if item.deadline is not None and item.id not in first:
                        first[item.id] = (item.wanneer, item.deadline)
    except (DataError, OSError, ValueError):
        return None
    return first


def with_history(plan: Plan, source: DataSource) -> Plan:
    """``plan`` with ``history_was`` set on each action its history shows postponed."""
    found = head(source.directory)
    if found is None:
        return plan
    first = _cached_first_deadlines(*found, source.file(PLAN_FILE))
    if not first:
        return plan
    themes = []
    changed = False
    for theme in plan.themas:
        actions = []
        for action in theme.acties:
            earlier = first.get(action.id)
            deadline = action.period.deadline
            if (
                earlier is not None
                and deadline is not None
                and earlier[1] < deadline
                and not action.oorspronkelijk
                and not action.period.was
            ):
                action = action._replace(history_was=earlier[0])
                changed = True
            actions.append(action)
        themes.append(theme._replace(acties=tuple(actions)))
    return plan._replace(themas=tuple(themes)) if changed else plan


def _escaped(text: str) -> str:
    # ASCII without tabs or line ends, whatever the text holds (a quoted YAML value may
    # hold any character): the entry is lines of tab-separated fields.
    return text.encode("unicode_escape").decode("ascii")


def _unescaped(text: str) -> str:
    return text.encode("ascii").decode("unicode_escape")


#: The layout of an entry; part of its first line, so another layout is a miss.
_FORMAT = "eerste-deadlines 2"


def _cached_first_deadlines(
    top: Path, commit: str, plan: Path
) -> dict[str, tuple[str, date]] | None:
    """:func:`first_deadlines` through the cache: one small text entry per plan and commit,
    and for each plan the commit last read; after a new commit only what came since is
    read (when that commit is still in the history: not after a rebase).

    Text, not JSON, and named without a hash: importing json and hashlib cost the
    start-up of every command ~10 ms; the first line holds everything the entry is for,
    so an entry for another plan, commit or limnorm code is a miss.
    """
    import zlib

    from limnorm.files.cache import Cache, cache_directory

    where = os.path.abspath(plan)
    plan_key = f"{zlib.crc32(os.fsencode(where)):08x}"
    cache = Cache(cache_directory(os.environ))
    first = _entry(cache, where, plan_key, commit)
    if first is not None:
        return first
    since, known = None, None
    latest = cache.get_text(f"latest-{plan_key}")
    if latest and _is_hash(latest.strip()) and latest.strip() != commit:
        known = _entry(cache, where, plan_key, latest.strip())
        if known is not None:
            from limnorm.files.git import is_ancestor

            if is_ancestor(top, latest.strip(), commit):
                since = latest.strip()
            else:
                known = None
    found = first_deadlines(top, plan, commit, since, known)
    if found is not None:
        lines = [_header(where, commit)]
        lines += (
            f"{_escaped(action_id)}\t{_escaped(wanneer)}\t{deadline.isoformat()}"
            for action_id, (wanneer, deadline) in found.items()
        )
        lines.append(_trailer(len(found)))
        cache.put_text(f"{commit}-{plan_key}", "\n".join(lines) + "\n")
        cache.put_text(f"latest-{plan_key}", commit)
    return found


def _header(where: str, commit: str) -> str:
    from limnorm.files.cache import code_stamp

    return "\t".join((_FORMAT, code_stamp(), commit, _escaped(where)))


def _entry(
    cache: Cache, where: str, plan_key: str, commit: str
) -> dict[str, tuple[str, date]] | None:
    """The first deadlines stored for ``commit``; None when absent or not exactly ours."""
    stored = cache.get_text(f"{commit}-{plan_key}")
    header = _header(where, commit)
    if stored is None or not stored.startswith(header + "\n"):
        return None
    first = {}
    *rows, trailer = stored[len(header) + 1 :].splitlines() or [""]
    try:
        for line in rows:
            action_id, wanneer, deadline = line.split("\t")
            first[_unescaped(action_id)] = (_unescaped(wanneer), date.fromisoformat(deadline))
    except (ValueError, UnicodeError):
        return None  # not as written: read the history again
    # Entries are not fsynced: one cut short at a line (a crash) lacks its last line.
    return first if trailer == _trailer(len(rows)) and len(first) == len(rows) else None


def _trailer(count: int) -> str:
    """An entry's last line: how many lines of first deadlines come before it."""
    return f"einde\t{count}"
