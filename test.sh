#!/usr/bin/env bash
# Set up the same environment as run.sh and run the whole pytest suite (offline).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/ensure_venv.sh
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
exec "$PYTHON" -m pytest -q "$@"
