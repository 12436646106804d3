"""Errors that services raise for the views and the API to translate."""


class ApplicationError(Exception):
    """A rule of the application was broken; `message` is plain language for the user."""

    def __init__(self, message: str, *, extra: dict | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra or {}
