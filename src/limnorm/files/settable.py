"""The fields of an action that ``limnorm set`` may change: their one home.

Apart from :mod:`limnorm.files.updates`, which writes them, because the command line's
help and shell completion name them too, and importing the writer costs ~30 ms
(PyYAML, tempfile) that help and completion need not pay.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

#: Each field ``limnorm set`` may change, with what it takes (shown by completion).
SETTABLE: Mapping[str, str] = MappingProxyType(
    {
        "status": "open, lopend, gereed of vervallen",
        "wanneer": "de deadline, zoals 'Q3 24'",
        "actiehouder": "een code uit actiehouders",
        "toelichting": "vrije tekst",
        "voortgang": "een percentage van 0 tot en met 100",
        "mijlpaal": "ja of nee",
        "oorspronkelijk": "de deadline van vóór het uitstel, zoals geschreven",
        "gereed_op": "de dag waarop de actie af was, zoals 2024-05-01",
    }
)
