"""shareguard's agent package."""

import os

# onnxruntime (RapidOCR's engine) ships 1DS telemetry on Linux since 1.29: a device id under
# ~/.cache/Microsoft and a ProcessInfo upload. A leak-prevention agent must not phone home, so
# opt out for this process and every worker it starts, unless an administrator set it explicitly.
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
