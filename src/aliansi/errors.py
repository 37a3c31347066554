"""Domain exceptions. The CLI and the API turn them into user-facing messages at their edge."""


class AliansiError(Exception):
    """Base class for every error aliansi raises on purpose."""


class InputError(AliansiError):
    """An input file or record cannot be read. Carries the path so the user knows what to fix."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class LangPackError(AliansiError):
    """A language-pack or knowledge-base file does not validate against its schema."""
