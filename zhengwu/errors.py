"""Domain errors shared by every app's services.

A service raises one of these; the API turns it into `{"code": ..., "message": ...}` with the status below,
the workbench into a message on the page. `code` is stable (clients match on it); `message` is Chinese,
translated through Django i18n.
"""

from __future__ import annotations


class DomainError(Exception):
    status = 400
    code = "error"

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None, **details):
        super().__init__(str(message))
        self.message = str(message)
        if code:
            self.code = code
        self.field = field
        self.details = details

    def as_dict(self) -> dict:
        body = {"code": self.code, "message": self.message}
        if self.field:
            body["field"] = self.field
        if self.details:
            body["details"] = self.details
        return body


class InvalidInput(DomainError):
    """Bad input: names the field; nothing was changed."""

    status = 400
    code = "invalid_input"


class StateConflict(DomainError):
    """The act is not allowed in the object's current state; nothing was changed."""

    status = 409
    code = "state_conflict"


class NotPermitted(DomainError):
    """The actor may see the object but may not perform this act."""

    status = 403
    code = "forbidden"


class NotFound(DomainError):
    """The object does not exist or lies outside the actor's scope (the two are not told apart)."""

    status = 404
    code = "not_found"
