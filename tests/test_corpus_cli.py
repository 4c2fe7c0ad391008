"""``python -m corpus list|show`` and load_corpus (corpus/__init__.py, corpus/__main__.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import PROJECT_ROOT, assert_one_line_error, run_module
from corpus import DEFAULT_CORPUS_DIR, load_corpus
from test_structure import AN_GIANG_CV


def test_default_corpus_dir_and_load_order():
    load = load_corpus(DEFAULT_CORPUS_DIR)
    assert load.errors == []
    assert [d.record.source for d in load.documents] == sorted(p.name for p in DEFAULT_CORPUS_DIR.glob("*.txt"))


def test_load_corpus_reports_unreadable_and_skips_empty(tmp_path: Path):
    (tmp_path / "cv.txt").write_text(AN_GIANG_CV, encoding="utf-8")
    (tmp_path / "broken.docx").write_bytes(b"not a zip file")
    (tmp_path / "empty.txt").write_text("   \n\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(AN_GIANG_CV, encoding="utf-8")
    (tmp_path / "notes.xyz").write_text("x", encoding="utf-8")
    load = load_corpus(tmp_path)
    assert [d.record.source for d in load.documents] == ["cv.txt"]
    assert len(load.errors) == 1 and load.errors[0].startswith("broken.docx") and "\n" not in load.errors[0]
    assert any("empty.txt" in w for w in load.warnings)


def test_list_json_on_bundled_corpus():
    result = run_module("corpus", "list", "--json")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert len(records) == 5
    by_source = {r["source"][:3]: r for r in records}
    assert by_source["002"]["number"] == "542/KH-UBND"
    assert by_source["001"]["signer"] == "Nguyễn Trường Sơn"
    assert set(records[0]) >= {"doc_id", "title", "type", "number", "date", "issuer", "signer", "cites"}


def test_list_table_and_show():
    result = run_module("corpus", "list")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:4] == ["source", "type", "number", "date"]
    assert len(lines) == 6 and "542/KH-UBND" in result.stdout
    result = run_module("corpus", "show", "002")
    assert result.returncode == 0, result.stderr
    assert "number: 542/KH-UBND" in result.stdout
    assert "part V. «TỔ CHỨC THỰC HIỆN»" in result.stdout
    assert "row 17" in result.stdout


def test_cli_errors_are_one_line(tmp_path: Path):
    assert_one_line_error(run_module("corpus", "list", "--corpus", str(tmp_path / "missing")))
    assert_one_line_error(run_module("corpus", "show", "no-such-document"))
    assert_one_line_error(run_module("corpus", "list", "--corpus", str(tmp_path)))  # nothing readable
    for result in [run_module("corpus", "show", "x", "--corpus", str(tmp_path / "missing"))]:
        assert result.returncode == 2


def test_unreadable_file_is_reported_but_list_succeeds(tmp_path: Path):
    (tmp_path / "cv.txt").write_text(AN_GIANG_CV, encoding="utf-8")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 garbage")
    result = run_module("corpus", "list", "--corpus", str(tmp_path))
    assert result.returncode == 0
    assert "Traceback" not in result.stderr
    assert [l for l in result.stderr.splitlines() if l.strip()][0].startswith("broken.pdf")
    assert "1234/SYT-NVY" in result.stdout


def test_exit_now_delivers_buffered_output_and_status():
    # The model-loading CLIs end with exit_now (no interpreter teardown); nothing printed may be lost.
    script = ("import sys\nfrom corpus.errors import exit_now\n"
              "print('dòng ' * 50000, end='')\nprint('lỗi', file=sys.stderr, end='')\nexit_now(3)")
    result = subprocess.run([sys.executable, "-c", script], cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert result.returncode == 3
    assert result.stdout == "dòng " * 50000 and result.stderr == "lỗi"


def test_closed_pipe_stops_quietly():
    script = ("from corpus.errors import exit_now, run_cli\n"
              "def action():\n    for _ in range(10000):\n        print('dòng ' * 100)\n    return 0\n"
              "exit_now(run_cli(action))")
    result = subprocess.run(["bash", "-c", f'"{sys.executable}" -c "$0" | head -c 10 >/dev/null; echo "${{PIPESTATUS[0]}}"', script],
                            cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert result.stderr == ""  # no "Lỗi không mong đợi: BrokenPipeError", no traceback
    assert result.stdout.strip() == "141"
