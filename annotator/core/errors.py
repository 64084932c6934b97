"""The one error type users see: a sentence naming what, where, and what to do."""

from __future__ import annotations


class AnnotatorError(Exception):
    """A problem with the user's input or environment, not a bug.

    ``where`` names the file, line or field; ``hint`` says what to do.
    ``str(err)`` is the single line printed by the CLI and shown by the app.
    """

    def __init__(self, message: str, *, where: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.where = where
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class InputError(AnnotatorError):
    """A file, value or field the user gave cannot be used."""


class ProjectError(AnnotatorError):
    """The project file cannot be opened or written as asked."""


class DateError(InputError):
    """A date the user typed cannot be read; the message names the part not understood."""
