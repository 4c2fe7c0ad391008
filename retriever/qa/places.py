"""The places a question asks about, and the place a local document governs.

A clerk does not answer a question about Nghệ An from a resolution of Hà Nội's People's Council: a document issued
by a provincial body (its issuer names a province or centrally-run city: "UBND tỉnh Lai Châu", "Sở Y tế Đồng Nai",
"Thuế tỉnh Vĩnh Long") rules for that place only.  When the question names a place, and the document an answer
would be read from is local to another place and prints none of the places asked, the answer is not for the place
asked — abstention reads this as ``foreign_place``.  A national document (no place in its issuer) answers for every
place, and a local one that prints the place asked (a merged province's former name, a neighbour it works with)
may answer for it.

>>> from types import SimpleNamespace as NS
>>> docs = {"hn": NS(record=NS(issuer="HĐND thành phố Hà Nội"), text="Mức thu tiền ăn sáng … tại Hà Nội"),
...         "byt": NS(record=NS(issuer="Bộ Y tế"), text="Mức hỗ trợ tiền ăn …")}
>>> places = PlaceIndex(docs)
>>> places.foreign("Ở Nghệ An, mức thu tiền ăn sáng của học sinh là bao nhiêu?", "hn")
('Nghệ An',)
>>> places.foreign("Ở Nghệ An, mức hỗ trợ tiền ăn là bao nhiêu?", "byt"), places.foreign("o Ha Noi muc thu", "hn")
((), ())
>>> hue = PlaceIndex({"h": NS(record=NS(issuer="UBND tỉnh Quảng Trị"), text="phối hợp với tỉnh Thừa Thiên Huế")})
>>> hue.foreign("Ở Huế thì sao?", "h")  # "Huế" is printed inside "Thừa Thiên Huế"
()
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from corpus.lexicon import PROVINCES
from corpus.vietnamese import match_key

# Folded names, longest first, so "Thừa Thiên Huế" is read before "Huế".
_KEYS = {match_key(p): p for p in sorted(PROVINCES, key=len, reverse=True)}
_PLACE = re.compile(r"(?<!\w)(" + "|".join(re.escape(k) for k in _KEYS) + r")(?!\w)")


def places_in(text: str) -> tuple[str, ...]:
    """The provinces and centrally-run cities ``text`` names (folded, so typed with or without accents).

    >>> places_in("UBND tỉnh Thừa Thiên Huế"), places_in("so y te ha noi va Nghệ An")
    (('Thừa Thiên Huế',), ('Hà Nội', 'Nghệ An'))
    """
    return tuple(dict.fromkeys(_KEYS[m.group(1)] for m in _PLACE.finditer(match_key(text))))


# The shorter names a longer one holds as its own words ("Thừa Thiên Huế" prints "Huế"): read once, longest first.
_INNER = {name: {other for other in PROVINCES if other != name
                 and re.search(rf"(?<!\w){re.escape(match_key(other))}(?!\w)", match_key(name))}
          for name in PROVINCES}


class PlaceIndex:
    """Each document's local place (from its issuer) and the places it prints; built at load, so a question pays a
    set lookup per document, not a scan of its text."""

    def __init__(self, documents: Mapping[str, object]):
        self.local: dict[str, str | None] = {}
        self.printed: dict[str, frozenset[str]] = {}  # doc_id -> every place it prints (a local document only)
        for doc_id, document in documents.items():
            issuer = places_in(document.record.issuer or "")
            self.local[doc_id] = issuer[0] if issuer else None
            if issuer:  # only a local document is ever asked whether it prints a place
                found = places_in(document.text)
                self.printed[doc_id] = frozenset(found).union(*(_INNER[name] for name in found))

    def foreign(self, question: str, doc_id: str) -> tuple[str, ...]:
        """The places ``question`` asks about when ``doc_id`` is local to another place and prints none of them;
        empty when the document may answer for the place asked (or the question names none)."""
        local = self.local.get(doc_id)
        asked = places_in(question)
        if local is None or not asked or local in asked:
            return ()
        return () if self.printed[doc_id].intersection(asked) else asked
