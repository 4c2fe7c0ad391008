"""Optional: phrase the answer from the quotes with a local OpenAI-compatible chat endpoint.

Off by default.  Turn it on with ``HEALTHQA_LLM_URL`` (+ ``HEALTHQA_LLM_MODEL``) or
``python -m retriever ask --llm-url URL [--llm-model NAME]``.  The URL may be the
server root (``http://127.0.0.1:8080``), its ``/v1`` or the full
``/v1/chat/completions`` path.  Only the standard library is used (urllib).

The model sees the numbered quotes and must cite them as [1], [2]; the extractive
answer and quotes are always kept, and any error or timeout leaves the extractive
result with a note (``Answerer.ask``).
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Sequence

DEFAULT_TIMEOUT = 20.0
SYSTEM_PROMPT = (
    "Bạn là trợ lý trả lời câu hỏi về văn bản chính sách y tế Việt Nam. Chỉ dùng các trích dẫn được cung cấp; "
    "trả lời ngắn gọn bằng tiếng Việt và ghi nguồn bằng số trong ngoặc vuông, ví dụ [1], [2]. "
    "Nếu trích dẫn không đủ để trả lời, hãy nói rõ là không đủ thông tin."
)


class GenerationError(RuntimeError):
    """The endpoint failed or answered something unusable."""


@dataclass
class ChatGenerator:
    url: str
    model: str = "local"
    timeout: float = DEFAULT_TIMEOUT
    api_key: str | None = None

    @property
    def endpoint(self) -> str:
        url = self.url.rstrip("/")
        if url.endswith("/chat/completions"):
            return url
        if url.endswith("/v1"):
            return url + "/chat/completions"
        return url + "/v1/chat/completions"

    def messages(self, question: str, quotes: Sequence, short_answer: str | None = None) -> list[dict]:
        lines = [f"[{i}] {q.citation}:\n\"{q.text}\"" for i, q in enumerate(quotes, 1)]
        user = f"Câu hỏi: {question}\n\nTrích dẫn:\n" + "\n\n".join(lines)
        if short_answer:
            user += f"\n\nCâu trả lời trích xuất (gợi ý): {short_answer}"
        return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]

    def generate(self, question: str, quotes: Sequence, short_answer: str | None = None) -> str:
        body = json.dumps({
            "model": self.model,
            "messages": self.messages(question, quotes, short_answer),
            "temperature": 0.0,
            "stream": False,
        }).encode("utf-8")
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(self.endpoint, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                payload = json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            raise GenerationError(f"HTTP {error.code} từ {self.endpoint}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise GenerationError(f"không kết nối được {self.endpoint}: {getattr(error, 'reason', error)}") from None
        except ValueError:
            raise GenerationError(f"{self.endpoint} trả về dữ liệu không phải JSON") from None
        try:
            content = payload["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError):
            raise GenerationError("phản hồi không có choices[0].message.content") from None
        if not isinstance(content, str) or not content.strip():
            raise GenerationError("mô hình trả về câu trả lời rỗng")
        return content.strip()


def generator_from_env(url: str | None = None, model: str | None = None,
                       timeout: float | None = None) -> ChatGenerator | None:
    """A generator when a URL is given or ``HEALTHQA_LLM_URL`` is set, else None."""
    url = url or os.environ.get("HEALTHQA_LLM_URL")
    if not url:
        return None
    return ChatGenerator(
        url=url,
        model=model or os.environ.get("HEALTHQA_LLM_MODEL") or "local",
        timeout=timeout or float(os.environ.get("HEALTHQA_LLM_TIMEOUT") or DEFAULT_TIMEOUT),
        api_key=os.environ.get("HEALTHQA_LLM_API_KEY"),
    )
