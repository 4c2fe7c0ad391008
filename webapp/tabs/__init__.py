"""One builder per tab: ``build(backend) -> Tab`` lays out the components and wires their events."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Callable

from webapp.render import message_html

log = logging.getLogger("healthqa.app")

INTERNAL_ERROR = "Đã có lỗi khi xử lý yêu cầu; vui lòng thử lại."
ALL = "Tất cả"
# One concurrency group for everything that searches: at most --concurrency at a time in total.
PRIVATE = {"api_visibility": "private", "concurrency_id": "backend"}


@dataclass
class Tab:
    """What a tab exposes to the page: named components (for deep links) and handlers."""

    id: str
    components: dict[str, Any] = field(default_factory=dict)
    handlers: dict[str, Callable] = field(default_factory=dict)


def safe(render: Callable[[Any], str], fn: Callable) -> Callable:
    """A handler that renders ``fn``'s result and never shows a traceback in the page."""
    def handler(*args):
        try:
            return render(fn(*args))
        except Exception:  # noqa: BLE001
            log.exception("request failed")
            return message_html(INTERNAL_ERROR, "warn")
    return handler


def choices(values) -> list[str]:
    return [ALL] + [str(v) for v in values]
