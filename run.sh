#!/usr/bin/env bash
# Set up, build the index when missing or stale, and start the Gradio app on 127.0.0.1:7860.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/ensure_venv.sh
export HF_HUB_OFFLINE="${HF_HUB_OFFLINE:-1}"
"$PYTHON" -m index build "$@"
exec "$PYTHON" app_gradio.py --host "${HOST:-127.0.0.1}" --port "${PORT:-7860}"
