"""The REST API and web dashboard (`aliansi serve`), over one store that the server owns while it runs.

``aliansi.serve.app.create_app(store, token=...)`` builds the FastAPI application; ``commands``
adds the `serve` command to the CLI. This package imports nothing heavy at import time, so the
CLI can register the command without FastAPI installed.
"""
