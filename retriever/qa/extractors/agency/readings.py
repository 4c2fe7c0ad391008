"""The readings that weigh one agency span of a unit against the others (``AgencyExtractor``).

Each candidate span of a unit is described by what the clerk's readings say of it — the subject of its clause, the
body "giao" gives the task, a partner in a "phối hợp" phrase, an object, the share of the question's task its own
clause prints, a heading's, a holder's, a role's, an actor's body — as one value per :data:`SPAN_FEATURES`; the span
chosen is the one of highest ``coefficients · features``.  :data:`HAND_WEIGHTS` are the weights the readings were
written with; ``QASettings.agency_span_coefficients`` (when set) replaces them with weights fitted by
``python -m eval fit-agency`` (``eval/agency_fit.py``), held out by document.
"""

from __future__ import annotations

from dataclasses import dataclass

# name, the hand weight the reading was written with (w-rounds before the fit), what it reads
_FEATURES: tuple[tuple[str, float], ...] = (
    ("subject", 0.3),           # the clause's subject (or a duty's owner) that acts ("Sở Y tế chủ trì …", "Sở Y tế:")
    ("subject_weak", 0.1),      # a subject without an acting verb after it when the question asks who leads
    ("leads_chutri", 0.2),      # "X chủ trì …" after a body not at the clause's start
    ("asked_lead", 0.2),        # the question asks who leads and "chủ trì" follows the body (or opens the heading's point)
    ("frame", 1.0),             # the question's words around its slot printed around the span (already × 0.4)
    ("field_label", 0.3),       # "Cơ quan thực hiện: Sở Y tế": a label naming the asked role
    ("proposer", 0.6),          # "Xét đề nghị của …", "Báo cáo thẩm tra … của …" when the question asks that act
    ("partner_asked", 0.25),    # a partner in "phối hợp với X" when the question asks the partners
    ("partner", -0.2),          # a partner in "phối hợp với X" when it does not
    ("recipient_asked", 0.3),   # an object ("gửi Sở Y tế") when the question asks the recipient
    ("object", -0.3),           # an object when it does not
    ("assigned", 0.2),          # "giao Bộ X …": the body given the task
    ("mention", -0.15),         # named in passing, doing nothing
    ("cited_issuer", -0.3),     # the issuer of an act cited ("Thông tư số … của Bộ X")
    ("address", -0.3),          # a body followed by its address
    ("title_or_person", -0.3),  # a name in capitals, a person's title
    ("task", 0.6),              # the share of the question's task its own clause prints (scoring.local_overlap)
    ("holder", 0.3),            # an office holder heading a clause ("Cục trưởng quyết định …")
    ("role", 0.7),              # a role subject restating the task ("Cơ quan thẩm định là …")
    ("actor", 0.7),             # the actor of a clause printing the question's predicate
    ("competent", 0.7),         # the competent body a title names
    ("listed", 0.3),            # the subject list of a shared head ("Các Sở Y tế, Tài chính …")
    ("field", 0.35),            # a body a field's label names
    ("heading", 0.25),          # the heading above a verb-led point ("2. Sở Y tế:" / "a) Chủ trì …")
    ("position", 0.0),          # where the span starts in the unit (0 at its start, 1 at its end)
    ("first", 0.0),             # the first body the unit names
    ("predicate_near", 0.0),    # the question's predicate printed within the span's own clause
)

SPAN_FEATURES: tuple[str, ...] = tuple(name for name, _ in _FEATURES)
HAND_WEIGHTS: tuple[float, ...] = tuple(weight for _, weight in _FEATURES)
_INDEX = {name: i for i, name in enumerate(SPAN_FEATURES)}


@dataclass
class Reading:
    """One candidate span of a unit and what the readings say of it."""

    start: int
    end: int
    name: str
    features: list[float]

    def score(self, coefficients) -> float:
        # rounded: sums of the same terms in another order must tie as they did (the earlier span wins a tie)
        return round(sum(c * f for c, f in zip(coefficients, self.features)), 9)


def describe(**values: float) -> list[float]:
    """A feature vector from the named readings (the others 0)."""
    vector = [0.0] * len(SPAN_FEATURES)
    for name, value in values.items():
        vector[_INDEX[name]] += float(value)
    return vector


def span_coefficients(settings) -> tuple[float, ...]:
    """The weights the unit's spans are weighed by: the fitted ones when ``settings`` holds them, else the hand ones."""
    fitted = tuple(settings.agency_span_coefficients)
    return fitted if len(fitted) == len(SPAN_FEATURES) else HAND_WEIGHTS
