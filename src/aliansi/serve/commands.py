"""`aliansi serve`: the REST API and the dashboard on uvicorn, added to the CLI by `register(app)`.

The server opens the database writable and holds it while it runs (DuckDB allows one process per
file), so it is the one process that writes to it: other commands are told to go through its API.
FastAPI and uvicorn are imported when the command runs, so `aliansi --help` stays fast and the
rest of the CLI works without the `serve` extra.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from pathlib import Path
from typing import Annotated

import typer

from aliansi.console import print_error, stderr
from aliansi.store import StoreError, default_path

TOKEN_VARIABLE = "ALIANSI_TOKEN"


def register(app: typer.Typer) -> None:
    """Add `serve` to the aliansi CLI."""
    app.command("serve")(serve_command)


def serve_command(
    db: Annotated[Path | None, typer.Option("--db", dir_okay=False,
                                            help="The database file (created if missing). Default: aliansi.duckdb in the user's data directory.")] = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on. The default answers this machine only.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Serve the REST API (/api, documented at /docs) and the dashboard (/) over one database.

    Reads need nothing. Writes (POST /api/articles) need the token from ALIANSI_TOKEN, or the one printed at start.
    """
    try:
        import uvicorn

        from aliansi.serve.app import create_app
    except ImportError as exc:
        print_error(f"`aliansi serve` needs the serve extra ({exc.name} is missing): pip install 'aliansi[serve]'")
        raise typer.Exit(1) from None
    from aliansi.store import Store
    from aliansi.store.holder import remove_marker, write_marker

    path = db or default_path()
    given = os.environ.get(TOKEN_VARIABLE)
    token = given or secrets.token_urlsafe(24)
    try:
        store = Store.open(path)
    except StoreError as exc:
        print_error(exc)
        raise typer.Exit(1) from None
    url = f"http://{_url_host(host)}:{port}"
    _announce(path, host, url, token, generated=not given)
    write_marker(Path(path), url=url)
    try:
        app = create_app(store, token=token, on_shutdown=lambda: remove_marker(Path(path)))
        uvicorn.run(app, host=host, port=port, log_level="info")
    finally:
        remove_marker(Path(path))  # also when the server never started (the port was taken)
        store.close()


def _announce(path: Path, host: str, url: str, token: str, *, generated: bool) -> None:
    stderr.print(f"database: {path}", highlight=False)
    stderr.print(f"dashboard: {url}/   API: {url}/api   docs: {url}/docs", highlight=False)
    if generated:
        # Printed once, here: it is not stored anywhere, so a restart makes a new one.
        stderr.print(f"write token (Authorization: Bearer ...): {token}", highlight=False)
    else:
        stderr.print(f"write token: from {TOKEN_VARIABLE}", highlight=False)
    if not _is_loopback(host):
        stderr.print(
            f"[yellow]warning:[/] listening on {host}, so other machines can reach this server: anyone who can "
            "connect can read the whole database, and anyone with the token can write to it. "
            "Use --host 127.0.0.1 to answer this machine only.",
            highlight=False,
        )


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _url_host(host: str) -> str:
    # A wildcard address is where the server listens, not where a browser can find it.
    if host in ("0.0.0.0", "::", ""):
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host
