"""The reference portal's refusals: each is an HTTP status with a message for the officer
(Vietnamese / English), answered as `protocol.ErrorBody`."""

from __future__ import annotations

from typing import Any

from sync import protocol as p


class PortalError(Exception):
    status = 400
    code = "rejected"

    def __init__(self, detail: str, *, server_version: dict[str, Any] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.server_version = server_version
        self.headers = headers or {}


class NotFound(PortalError):
    """Also the answer to a read of another agency's or counter's data: no existence leak."""

    status = 404
    code = "not_found"


class ConflictError(PortalError):
    status = 409
    code = "conflict"


class ReplayMismatch(ConflictError):
    """An operation id sent again with another body (ODK Central's rule): the whole request is refused."""

    code = "operation_id_reused"


class Unauthorized(PortalError):
    status = 401
    code = "unauthorized"


class Forbidden(PortalError):
    """A write to another agency's or counter's data, or a route the role may not use."""

    status = 403
    code = "forbidden"


class TooLarge(PortalError):
    status = 413
    code = "too_large"


class TooManyAttempts(PortalError):
    status = 429
    code = "too_many_attempts"

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"Đăng nhập sai quá nhiều lần, thử lại sau {retry_after} giây / too many failed sign-ins, "
                         f"try again in {retry_after} s", headers={"Retry-After": str(retry_after)})
        self.retry_after = retry_after


class HashMismatch(PortalError):
    status = 422
    code = "sha256_mismatch"

    def __init__(self, status: p.AttachmentStatus) -> None:
        super().__init__("SHA-256 của tệp không khớp, gửi lại từ đầu / file SHA-256 does not match, send it again",
                         server_version=status.model_dump(mode="json"))
