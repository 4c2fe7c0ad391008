"""Pure HTML renderers: a result dict (the JSON the API returns) in, an HTML string out.

Every piece of text goes through :func:`esc` (``html.escape``): a question holding ``<script>``
comes back as text.  No Gradio here; each renderer can be tested alone.
"""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import urlencode

from retriever.citations import RELATION_LABELS

__all__ = ["esc", "render_answer", "render_search", "render_cite", "render_most_cited", "render_document",
           "render_status", "render_check", "render_upload", "message_html"]


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _message_html(message: str | None, kind: str = "info") -> str:
    return f'<div class="hq-msg hq-msg-{kind}">{esc(message)}</div>' if message else ""


def _mark(text: str, offset: int, marks: list[tuple[int, int, str]]) -> str:
    """Escape ``text`` (which starts at ``offset`` in the document) wrapping the marked spans."""
    cuts = {0, len(text)}
    for start, end, _ in marks:
        for position in (start - offset, end - offset):
            if 0 < position < len(text):
                cuts.add(position)
    cuts = sorted(cuts)
    out = []
    for a, b in zip(cuts, cuts[1:]):
        piece = esc(text[a:b])
        classes = [cls for start, end, cls in marks if start <= offset + a and offset + b <= end]
        for cls in classes:
            piece = f'<mark class="{cls}">{piece}</mark>'
        out.append(piece)
    return "".join(out)


def _copy_button(citation: str) -> str:
    return (f'<button type="button" class="hq-copy" data-copy="{esc(citation)}" '
            f'title="Sao chép trích dẫn vào bộ nhớ tạm">Sao chép trích dẫn</button>')


def _open_link(url: str, label: str = "Mở văn bản tại đoạn này") -> str:
    return f'<a class="hq-open" href="{esc(url)}" target="_blank" rel="noopener">↗ {esc(label)}</a>'


def render_answer(data: dict) -> str:
    parts = ['<div class="hq-result hq-answer-result">']
    question = data.get("question")
    if question:
        parts.append(f'<div class="hq-question">Câu hỏi: <span class="hq-question-text">{esc(question)}</span></div>')
    answer = data.get("answer")
    if answer and not data.get("abstained"):
        parts.append(f'<div class="hq-answer"><strong>{esc(answer)}</strong></div>')
    elif question:
        parts.append('<div class="hq-answer hq-abstain">Không tìm thấy câu trả lời chắc chắn trong các văn bản'
                     + ("; các đoạn liên quan nhất:" if data.get("quotes") else ".") + "</div>")
    if data.get("generated"):
        parts.append('<div class="hq-generated"><div class="hq-heading">Diễn giải bởi mô hình ngôn ngữ '
                     f'(kiểm tra lại với trích dẫn bên dưới):</div>{esc(data["generated"])}</div>')
    parts.append(_message_html(data.get("message"), "warn" if not question else "info"))
    quotes = data.get("quotes") or []
    if quotes:
        parts.append('<ol class="hq-quotes">')
        for quote in quotes:
            text, start = quote.get("text") or "", quote.get("start") or 0
            marks = []
            if quote.get("answer_start") is not None and quote.get("answer_end") is not None:
                marks.append((quote["answer_start"], quote["answer_end"], "hq-span"))
            parts.append('<li class="hq-quote">')
            parts.append(f'<blockquote class="hq-quote-text">{_mark(text, start, marks)}</blockquote>')
            parts.append(f'<div class="hq-cite">— {esc(quote.get("citation"))}</div>')
            if quote.get("heading"):
                parts.append(f'<div class="hq-heading">{esc(quote["heading"])}</div>')
            parts.append('<div class="hq-actions">' + _copy_button(quote.get("citation") or "")
                         + _open_link(quote.get("document_url") or "") + "</div></li>")
        parts.append("</ol>")
    if data.get("took_ms"):
        parts.append(f'<div class="hq-took">{float(data["took_ms"]):.0f} ms</div>')
    parts.append("</div>")
    return "".join(parts)


def render_search(data: dict) -> str:
    parts = ['<div class="hq-result hq-search-result">']
    parts.append(_message_html(data.get("message"), "warn" if not data.get("query") else "info"))
    hits = data.get("hits") or []
    if data.get("query"):
        parts.append(f'<div class="hq-question">Kết quả cho: <span class="hq-question-text">{esc(data["query"])}</span>'
                     f' — {len(hits)} đoạn, {float(data.get("took_ms") or 0):.0f} ms</div>')
        if not hits and not data.get("message"):
            parts.append(_message_html("Không tìm thấy đoạn văn phù hợp."))
    if hits:
        parts.append('<ol class="hq-hits">')
        for hit in hits:
            parts.append('<li class="hq-hit">')
            parts.append(f'<div class="hq-cite"><b>{esc(hit["citation"])}</b> <span class="hq-score">'
                         f'điểm {float(hit["score"]):.3f}</span></div>')
            if hit.get("heading"):
                parts.append(f'<div class="hq-heading">{esc(hit["heading"])}</div>')
            parts.append(f'<blockquote class="hq-quote-text">{esc(hit["text"])}</blockquote>')
            if hit.get("also_in"):
                others = "; ".join(esc(o.get("citation")) for o in hit["also_in"])
                parts.append(f'<div class="hq-also">Cũng có trong: {others}</div>')
            parts.append('<div class="hq-actions">' + _copy_button(hit["citation"])
                         + _open_link(hit.get("document_url") or "") + "</div></li>")
        parts.append("</ol>")
    parts.append("</div>")
    return "".join(parts)


def _act_label(act: Any) -> str:
    if not isinstance(act, dict):
        return str(act or "")
    return str(act.get("label") or act.get("act") or act.get("number") or act.get("name") or act.get("act_id") or "")


def _quote_block(quote: dict, link_label: str) -> str:
    citation = quote.get("citation") or ""
    actions = _copy_button(citation)
    if quote.get("document_url"):
        actions += _open_link(quote["document_url"], link_label)
    return (f'<blockquote class="hq-quote-text">{esc(quote.get("text"))}</blockquote>'
            f'<div class="hq-actions"><span class="hq-cite-small">{esc(citation)}</span>{actions}</div>')


def render_cite(data: dict) -> str:
    parts = ['<div class="hq-result hq-cite-result">']
    matches = data.get("matches") or []
    if matches:
        parts.append('<div class="hq-question">Văn bản được tra: '
                     + "; ".join(f"<b>{esc(_act_label(m))}</b>" for m in matches) + "</div>")
        for match in matches:
            if isinstance(match, dict) and match.get("status"):
                parts.append(f'<div class="hq-match-status"><span class="hq-cite">{esc(_act_label(match))}</span> '
                             + render_status(match["status"]) + "</div>")
    parts.append(_message_html(data.get("message"), "warn" if not matches else "info"))
    sections = (("cited_by", "Các văn bản dẫn chiếu", "Mở văn bản tại câu dẫn"),
                ("cites", "Văn bản này dẫn chiếu", "Mở tại câu dẫn"))
    for key, title, link_label in sections:
        edges = [e for e in data.get(key) or [] if isinstance(e, dict)]
        if not edges:
            continue
        parts.append(f'<h4 class="hq-edges-title">{esc(title)} ({len(edges)})</h4><ol class="hq-edges">')
        for edge in edges:
            relations = edge.get("relations") or [edge.get("relation")]
            labels = "".join(f'<span class="hq-rel">{esc(RELATION_LABELS.get(r, r))}</span> '
                             for r in relations if r)
            if key == "cites":
                head = f'<b>{esc(_act_label(edge))}</b> {labels}'
            else:
                head = f'<b>{esc(edge.get("citation") or edge.get("source"))}</b> {labels}'
            parts.append(f'<li class="hq-edge"><div class="hq-cite">{head}</div>')
            quotes = edge.get("quotes") or [{"text": edge.get("quote"), "citation": edge.get("citation"),
                                             "document_url": edge.get("document_url"),
                                             "heading": edge.get("heading")}]
            for quote in quotes:
                if quote.get("heading"):
                    parts.append(f'<div class="hq-heading">{esc(quote["heading"])}</div>')
                parts.append(_quote_block(quote, link_label))
            parts.append("</li>")
        parts.append("</ol>")
    parts.append("</div>")
    return "".join(parts)


def render_most_cited(acts: list[dict]) -> str:
    if not acts:
        return _message_html("Chưa có dữ liệu trích dẫn.")
    rows = []
    for rank, act in enumerate(acts, 1):
        link = "?" + urlencode({"act": act.get("act") or ""})
        documents = [d for d in act.get("documents") or [] if isinstance(d, dict)]
        names = "<br>".join(f'{esc(d.get("citation") or d.get("source"))} '
                            f'<span class="hq-rel">{esc(RELATION_LABELS.get(d.get("relation"), d.get("relation") or ""))}'
                            "</span>" for d in documents)
        rows.append(f'<tr><td class="hq-num">{rank}</td><td><a href="{esc(link)}">{esc(_act_label(act))}</a></td>'
                    f'<td class="hq-num">{esc(act.get("count"))}</td><td class="hq-docs">{names}</td></tr>')
    return ('<table class="hq-table"><thead><tr><th>#</th><th>Văn bản được dẫn</th><th>Số văn bản dẫn</th>'
            '<th>Văn bản dẫn chiếu</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>")


def render_document(data: dict, root=None) -> str:
    """Metadata, outline and the cleaned text laid out along its structure tree, passage marked."""
    if not data.get("text"):
        return _message_html(data.get("message") or "Vui lòng chọn một văn bản.", "warn")
    text, record = data["text"], data["record"]
    marks: list[tuple[int, int, str]] = []
    passage = data.get("passage")
    if passage:
        marks.append((passage["start"], passage["end"], "hq-passage"))
        if passage.get("mark_start") is not None:
            marks.append((passage["mark_start"], passage["mark_end"], "hq-span"))
    parts = ['<div class="hq-document">', f'<h3 class="hq-doc-title">{esc(data["citation"])}</h3>']
    parts.append(_message_html(data.get("message"), "warn"))
    parts.append(render_status(data.get("status")))
    meta = [
        ("Loại văn bản", record.get("type")), ("Số hiệu", record.get("number")), ("Ngày", record.get("date")),
        ("Cơ quan ban hành", record.get("issuer")), ("Nơi ban hành", record.get("place")),
        ("Trích yếu", record.get("title")),
        ("Người ký", " — ".join(x for x in (record.get("signer_title"), record.get("signer")) if x)),
        ("Nơi nhận", "; ".join(record.get("recipients") or [])),
        ("Văn bản được dẫn", "; ".join(sorted({c.get("number") or c.get("name") or "" for c in record.get("cites") or []} - {""}))),
        ("Tệp", data.get("source")),
    ]
    parts.append('<table class="hq-meta">' + "".join(
        f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in meta if v) + "</table>")
    if passage:
        parts.append(f'<div class="hq-passage-cite">Đoạn trích: <b>{esc(passage["citation"])}</b> '
                     f'{_copy_button(passage["citation"])} <a href="#hq-hl">↓ đến đoạn trích</a></div>')
    if data.get("outline"):
        parts.append('<details class="hq-outline"><summary>Mục lục (cấu trúc văn bản)</summary><ul>')
        for item in data["outline"]:
            depth = {"part": 0, "appendix": 0, "section": 1, "subsection": 2}.get(item["kind"], 3)
            parts.append(f'<li class="hq-depth-{depth}"><a href="#n-{item["start"]}">{esc(item["heading"])}</a></li>')
        parts.append("</ul></details>")
    parts.append('<div class="hq-doc-body">')
    parts.append(_render_tree(text, root, marks) if root is not None else _render_lines(text, 0, len(text), marks))
    parts.append("</div></div>")
    out = "".join(parts)
    return out.replace('<mark class="hq-passage">', '<mark class="hq-passage" id="hq-hl">', 1)


def _render_lines(text: str, start: int, end: int, marks) -> str:
    out = []
    position = start
    for line in text[start:end].split("\n"):
        line_start, line_end = position, position + len(line)
        position = line_end + 1
        if line.strip():
            out.append(f'<div class="hq-line">{_mark(line, line_start, marks)}</div>')
    return "".join(out)


def _render_tree(text: str, root, marks) -> str:
    from corpus.structure import HEADING_KINDS

    def render(node) -> str:
        kind = esc(node.kind)
        if node.kind == "table" and any(child.cells for child in node.children):
            rows = []
            for child in node.children:
                hit = any(s < child.end and child.start < e for s, e, _ in marks)
                cells = child.cells or [text[child.start:child.end]]
                rows.append(f'<tr class="{"hq-row-hit" if hit else ""}" id="n-{child.start}">'
                            + "".join(f"<td>{esc(c)}</td>" for c in cells) + "</tr>")
            return f'<div class="hq-n hq-table-node"><table class="hq-doc-table">{"".join(rows)}</table></div>'
        inner, cursor = [], node.start
        for child in node.children:
            if child.start > cursor:
                inner.append(_render_lines(text, cursor, child.start, marks))
            inner.append(render(child))
            cursor = max(cursor, child.end)
        if cursor < node.end:
            inner.append(_render_lines(text, cursor, node.end, marks))
        heading = " hq-heading-node" if node.kind in HEADING_KINDS and node.title else ""
        return f'<div class="hq-n hq-{kind}{heading}" id="n-{node.start}">{"".join(inner)}</div>'

    return render(root)


def message_html(message: str | None, kind: str = "info") -> str:
    return _message_html(message, kind)


# --------------------------------------------------------------------------- status, check, upload
def render_status(status: dict | None, evidence: bool = True) -> str:
    """A badge for an act's effect status, with the statements that prove it."""
    if not status:
        return ""
    state = status.get("state") or "unknown"
    label = status.get("label") or state
    parts = [f'<div class="hq-status"><span class="hq-badge hq-badge-{esc(state)}" title="Tình trạng hiệu lực tại '
             f'{esc(status.get("as_of"))}">{esc(label)}</span>']
    if status.get("effective_date"):
        parts.append(f' <span class="hq-cite-small">hiệu lực từ {esc(status["effective_date"])}</span>')
    if evidence:
        items = list(status.get("by") or [])
        if status.get("effective_evidence") and state in ("in_force", "not_yet_in_force"):
            items = [status["effective_evidence"]] + items
        if items:
            parts.append('<ul class="hq-status-evidence">')
            for item in items[:6]:
                when = f" ({esc(item.get('date'))})" if item.get("date") else ""
                parts.append(f'<li><b>{esc(item.get("label") or item.get("relation"))}</b> — {esc(item.get("act"))}{when}: '
                             f'<q>{esc(" ".join((item.get("quote") or "").split())[:400])}</q> '
                             f'<span class="hq-cite-small">{esc(item.get("citation"))}</span></li>')
            parts.append("</ul>")
    parts.append("</div>")
    return "".join(parts)


VERDICT_LABELS = {
    "ok": "đúng", "unknown": "không xác minh được", "wrong_date": "sai ngày", "wrong_number": "sai số hiệu",
    "wrong_issuer": "sai cơ quan ban hành", "wrong_type": "sai loại văn bản", "replaced": "đã bị thay thế",
    "repealed": "đã bị bãi bỏ", "amended": "đã được sửa đổi", "not_yet_in_force": "chưa có hiệu lực",
}


def render_check(data: dict) -> str:
    """Findings of the draft check: each reference with its verdicts, correction, evidence and confidence."""
    parts = ['<div class="hq-result hq-check-result">']
    parts.append(_message_html(data.get("message"), "warn"))
    references = data.get("references") or []
    if data.get("as_of") and not data.get("message"):
        flagged = sum(1 for r in references if set(r.get("verdicts") or []) - {"ok", "unknown"})
        parts.append(f'<div class="hq-question">{len(references)} trích dẫn, {flagged} cần sửa '
                     f'(hiệu lực tại {esc(data["as_of"])})</div>')
    parts.append('<ol class="hq-findings">')
    for ref in references:
        verdicts = ref.get("verdicts") or []
        badges = "".join(
            f'<span class="hq-verdict hq-verdict-{"ok" if v == "ok" else "unknown" if v == "unknown" else "error"}">'
            f"{esc(VERDICT_LABELS.get(v, v))}</span>" for v in verdicts)
        parts.append(f'<li class="hq-finding" data-verdicts="{esc(" ".join(verdicts))}">'
                     f'<div>{badges} <q class="hq-ref-text">{esc(ref.get("text"))}</q> '
                     f'<span class="hq-score">độ tin cậy {float(ref.get("confidence") or 0):.2f}</span></div>')
        for message in ref.get("messages") or []:
            parts.append(f'<div class="hq-heading">{esc(message)}</div>')
        if ref.get("correct_citation") and set(verdicts) & {"wrong_date", "wrong_number", "wrong_issuer", "wrong_type"}:
            parts.append(f'<div class="hq-correct">Trích dẫn đúng: <b class="hq-correction">{esc(ref["correct_citation"])}</b> '
                         f'{_copy_button(ref["correct_citation"])}</div>')
        if ref.get("status") and set(verdicts) & {"replaced", "repealed", "amended", "not_yet_in_force"}:
            parts.append(render_status(ref["status"], evidence=False))
        for evidence in (ref.get("evidence") or [])[:3]:
            parts.append(f'<blockquote class="hq-quote-text">{esc(" ".join((evidence.get("quote") or "").split())[:500])}'
                         f'</blockquote><div class="hq-cite-small">— {esc(evidence.get("citation"))}</div>')
        parts.append("</li>")
    parts.append("</ol>")
    bases = data.get("suggested_bases") or []
    if bases:
        parts.append('<h4 class="hq-edges-title">Căn cứ thường được các văn bản tương tự viện dẫn</h4>'
                     '<table class="hq-table"><thead><tr><th>Văn bản</th><th>Số văn bản viện dẫn</th>'
                     '<th>Tình trạng</th></tr></thead><tbody>')
        for row in bases:
            parts.append(f'<tr><td>{esc(row.get("citation"))}</td><td class="hq-num">{esc(row.get("count"))}/'
                         f'{esc(row.get("of_documents"))}</td><td>{render_status(row.get("status"), evidence=False)}</td></tr>')
        parts.append("</tbody></table>")
    parts.append("</div>")
    return "".join(parts)


def render_upload(data: dict) -> str:
    """What the index now believes of each added file, and the one-line reason of each that failed."""
    parts = ['<div class="hq-result hq-upload-result">', _message_html(data.get("message"), "info")]
    added = data.get("added") or []
    if added:
        parts.append('<table class="hq-table"><thead><tr><th>Tệp</th><th>Loại</th><th>Số hiệu</th><th>Ngày</th>'
                     '<th>Cơ quan ban hành</th><th>Trích yếu</th><th>Đoạn</th></tr></thead><tbody>')
        for row in added:
            parts.append(f'<tr class="hq-upload-row"><td>{esc(row.get("source"))}</td><td>{esc(row.get("type"))}</td>'
                         f'<td>{esc(row.get("number"))}</td><td>{esc(row.get("date"))}</td><td>{esc(row.get("issuer"))}</td>'
                         f'<td>{esc(row.get("title"))}</td><td class="hq-num">{esc(row.get("chunks"))}</td></tr>')
        parts.append("</tbody></table>")
    for error in data.get("errors") or []:
        parts.append(_message_html(error, "warn"))
    parts.append("</div>")
    return "".join(parts)
