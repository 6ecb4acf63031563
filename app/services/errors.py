"""Errors a user can cause: one family, each with a message in the user's language."""

from __future__ import annotations


class UserError(Exception):
    """Something the user can fix; `str()` is the one sentence to show them."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(UserError):
    """A field's value is not acceptable; `field` names it for the form that marks it."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(UserError):
    """The meeting, person or row asked for does not exist."""


class ConflictError(UserError):
    """The change would duplicate or contradict what is already stored."""


class LockedError(UserError):
    """The meeting is signed or final and cannot be changed any more."""


class FormatError(UserError):
    """A file given to import or verify is not what it should be."""
