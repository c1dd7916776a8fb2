"""The syntax of an e-mail address as limnorm accepts it in ``actiehouders``."""

from __future__ import annotations

import re

# An ASCII addr-spec without quoting or comments (RFC 5322 dot-atom @ a domain with at
# least one dot): what municipal addresses look like, and what every mail server takes.
# Stricter than the RFC on purpose: "Naam <a@b.nl>", spaces or a missing domain are
# typing mistakes to report, not forms to accept.
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_ADDRESS = re.compile(rf"{_ATOM}(?:\.{_ATOM})*@{_LABEL}(?:\.{_LABEL})*\.[A-Za-z]{{2,63}}")


def is_email_address(text: str) -> bool:
    """Whether ``text`` is one plain e-mail address such as ``oov@gemeente.nl``."""
    return len(text) <= 254 and _ADDRESS.fullmatch(text) is not None
