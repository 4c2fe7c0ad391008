#!/usr/bin/env bash
# Shared by run.sh and test.sh: create .venv and install requirements.txt when it changed.
# Sourced, not executed: leaves PYTHON set to the venv interpreter.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY_BOOT="${PYTHON_BOOTSTRAP:-python3.11}"
command -v "$PY_BOOT" >/dev/null 2>&1 || PY_BOOT=python3
if [ ! -x "$VENV/bin/python" ]; then
  echo "Tạo môi trường ảo .venv ($PY_BOOT)…" >&2
  "$PY_BOOT" -m venv "$VENV"
fi
STAMP="$VENV/.requirements.sha256"
WANT="$(sha256sum "$ROOT/requirements.txt" | cut -d' ' -f1)"
if [ "$(cat "$STAMP" 2>/dev/null || true)" != "$WANT" ]; then
  echo "Cài đặt thư viện từ requirements.txt…" >&2
  # torch first and pinned: a bare dependency on torch would otherwise pull a CUDA build.
  "$VENV/bin/pip" install --disable-pip-version-check -q "$(grep -E '^torch==' "$ROOT/requirements.txt")"
  "$VENV/bin/pip" install --disable-pip-version-check -q -r "$ROOT/requirements.txt"
  echo "$WANT" > "$STAMP"
fi
PYTHON="$VENV/bin/python"
export PYTHON
