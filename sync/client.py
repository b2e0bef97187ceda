"""The portal client: one requests.Session, (connect, read) timeouts, TLS verification on,
bearer token, answers parsed with the shared schemas, failures as typed errors.

- `Offline`: no answer (DNS, refused, timeout, connection cut mid-answer). Retry later.
- `Retryable(retry_after)`: 5xx or 429 (retry_after from Retry-After). Retry later.
- `Rejected(message)`: any other 4xx; the portal's message for the officer. Do not retry.
- `AuthRequired`: 401; sign in again (a Rejected).
- `Conflict(message, server_version)`: 409.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, TypeVar

import requests
from pydantic import BaseModel, RootModel, ValidationError

from sync import protocol as p

DEFAULT_TIMEOUT = (3.05, 30.0)
T = TypeVar("T", bound=BaseModel)


class PortalClientError(Exception):
    message = ""

    def __init__(self, message: str = "") -> None:
        super().__init__(message or self.message)
        self.message = message or self.message


class Offline(PortalClientError):
    message = "Không kết nối được cổng / portal unreachable"


class TlsError(Offline):
    """The portal's certificate could not be verified: nothing is sent (and nothing is parked)."""

    message = ("Không xác minh được chứng chỉ TLS của cổng: kiểm tra địa chỉ cổng và [portal] ca_bundle / "
               "the portal's TLS certificate could not be verified: check the portal URL and [portal] ca_bundle")


class Retryable(PortalClientError):
    def __init__(self, message: str = "", retry_after: float | None = None, status: int = 0) -> None:
        super().__init__(message or f"Cổng tạm lỗi ({status}) / portal temporarily failing ({status})")
        self.retry_after = retry_after
        self.status = status


class Rejected(PortalClientError):
    def __init__(self, message: str = "", status: int = 400) -> None:
        super().__init__(message or f"Cổng từ chối ({status}) / portal refused ({status})")
        self.status = status


class AuthRequired(Rejected):
    def __init__(self, message: str = "") -> None:
        super().__init__(message or "Cần đăng nhập lại / sign in again", 401)


class Conflict(PortalClientError):
    def __init__(self, message: str = "", server_version: dict[str, Any] | None = None) -> None:
        super().__init__(message or "Xung đột với bản trên cổng / conflict with the portal's version")
        self.server_version = server_version


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        from datetime import UTC, datetime
        from email.utils import parsedate_to_datetime

        try:
            return max(0.0, (parsedate_to_datetime(value) - datetime.now(UTC)).total_seconds())
        except (TypeError, ValueError):
            return None


class _DossierList(RootModel[list[p.PortalDossier]]):
    pass


class _RatingList(RootModel[list[p.RatingOut]]):
    pass


class PortalClient:
    def __init__(self, base_url: str, *, token: str | None = None, timeout: tuple[float, float] = DEFAULT_TIMEOUT,
                 ca_bundle: str | None = None, session: requests.Session | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = timeout
        self.http = session or requests.Session()
        # TLS verification is always on; a provincial CA bundle may be named, never switched off.
        self.http.verify = ca_bundle if ca_bundle else True
        self.http.headers["User-Agent"] = "counterapp-sync/1"

    def close(self) -> None:
        self.http.close()

    # --- plumbing ----------------------------------------------------------------------
    def _request(self, method: str, path: str, *, model: type[T] | None = None, json: Any = None,
                 params: dict[str, Any] | None = None, data: bytes | None = None,
                 auth: bool = True, content_type: str = "application/octet-stream") -> Any:
        headers = {}
        if auth and self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        if data is not None:
            headers["Content-Type"] = content_type
        try:
            response = self.http.request(method, self.base_url + p.API_PREFIX + path, json=json, params=params,
                                         data=data, headers=headers, timeout=self.timeout, verify=self.http.verify)
            body = response.content  # read fully here so a cut mid-answer is an Offline
        except requests.exceptions.SSLError as exc:
            raise TlsError() from exc
        except (requests.exceptions.ConnectionError, requests.exceptions.Timeout,
                requests.exceptions.ChunkedEncodingError) as exc:
            raise Offline() from exc
        status = response.status_code
        if status >= 400:
            detail, server_version = "", None
            try:
                err = p.ErrorBody.model_validate_json(body)
                detail, server_version = err.detail, err.server_version
            except ValidationError:
                try:
                    detail = str(response.json().get("detail", ""))
                except Exception:  # noqa: BLE001
                    detail = ""
            if status == 429 or status >= 500:
                raise Retryable(detail, _retry_after(response.headers.get("Retry-After")), status)
            if status == 401:
                raise AuthRequired(detail)
            if status == 409:
                raise Conflict(detail, server_version)
            raise Rejected(detail, status)
        if model is None:
            return None
        try:
            return model.model_validate_json(body)
        except ValidationError as exc:
            raise Retryable(f"Câu trả lời của cổng không đọc được / unreadable portal answer: {exc}", None, status) from exc

    # --- endpoints ----------------------------------------------------------------------
    def health(self) -> p.Health:
        return self._request("GET", "/health", model=p.Health, auth=False)

    def login(self, username: str, password: str, *, counter_id: str = "", agency_code: str = "") -> p.LoginResponse:
        req = p.LoginRequest(username=username, password=password, counter_id=counter_id, agency_code=agency_code)
        return self._request("POST", "/auth/login", model=p.LoginResponse, json=req.model_dump(mode="json"), auth=False)

    def logout(self) -> None:
        self._request("POST", "/auth/logout")

    def me(self) -> p.WhoAmI:
        return self._request("GET", "/auth/me", model=p.WhoAmI)

    def push(self, operations: Iterable[p.Operation]) -> p.PushResponse:
        req = p.PushRequest(operations=list(operations))
        return self._request("POST", "/operations", model=p.PushResponse, json=req.model_dump(mode="json"))

    def push_json(self, body: bytes) -> p.PushResponse:
        """`push` for a body already serialised as a `PushRequest` (the outbox keeps JSON payloads)."""
        return self._request("POST", "/operations", model=p.PushResponse, data=body,
                             content_type="application/json")

    def push_ratings_json(self, body: bytes) -> p.RatingsResponse:
        """POST /ratings with a body already serialised as a `RatingsRequest`."""
        return self._request("POST", "/ratings", model=p.RatingsResponse, data=body, content_type="application/json")

    def ratings(self, dossier_id: str) -> list[p.RatingOut]:
        return self._request("GET", "/ratings", model=_RatingList, params={"dossier_id": dossier_id}).root

    def attachment_init(self, attachment_id: str, init: p.AttachmentInit) -> p.AttachmentStatus:
        return self._request("PUT", f"/attachments/{attachment_id}", model=p.AttachmentStatus,
                             json=init.model_dump(mode="json"))

    def attachment_status(self, attachment_id: str) -> p.AttachmentStatus:
        return self._request("GET", f"/attachments/{attachment_id}", model=p.AttachmentStatus)

    def attachment_chunk(self, attachment_id: str, offset: int, data: bytes) -> p.AttachmentStatus:
        return self._request("POST", f"/attachments/{attachment_id}/chunks", model=p.AttachmentStatus,
                             params={"offset": offset}, data=data)

    def attachment_put(self, attachment_id: str, init: p.AttachmentInit, data: bytes) -> p.AttachmentStatus:
        params = {k: v for k, v in init.model_dump(mode="json").items() if v is not None}
        return self._request("PUT", f"/attachments/{attachment_id}/content", model=p.AttachmentStatus,
                             params=params, data=data)

    def clone(self) -> PortalClient:
        """Another client on the same portal and token (one per thread: a Session is not shared)."""
        return PortalClient(self.base_url, token=self.token, timeout=self.timeout,
                            ca_bundle=self.http.verify if isinstance(self.http.verify, str) else None)

    def catalog_changes(self, since: int, limit: int = 500) -> p.CatalogChanges:
        return self._request("GET", "/catalog/changes", model=p.CatalogChanges, params={"since": since, "limit": limit})

    def calendar_changes(self, since: int) -> p.CalendarChanges:
        return self._request("GET", "/calendar/changes", model=p.CalendarChanges, params={"since": since})

    def agency(self) -> p.AgencyInfo:
        return self._request("GET", "/agency", model=p.AgencyInfo)

    def reserve_blocks(self, agency_code: str, counter_id: str, days: list[date], size: int) -> p.NumberBlocks:
        req = p.BlockReserveRequest(agency_code=agency_code, counter_id=counter_id, days=days, size=size)
        return self._request("POST", "/number-blocks/reserve", model=p.NumberBlocks, json=req.model_dump(mode="json"))

    def blocks_since(self, agency_code: str, counter_id: str, since: int) -> p.NumberBlocks:
        return self._request("GET", "/number-blocks", model=p.NumberBlocks,
                             params={"agency_code": agency_code, "counter_id": counter_id, "since": since})

    def progress(self, counter_id: str, since: int) -> p.ProgressEvents:
        return self._request("GET", "/progress", model=p.ProgressEvents, params={"counter_id": counter_id, "since": since})

    def national(self, key: str) -> p.NationalPayload:
        return self._request("GET", f"/dossiers/{key}/national", model=p.NationalPayload)

    # --- back office (reference portal, admin role) ---------------------------------------
    def admin_set_status(self, key: str, change: p.AdminStatusChange) -> p.ProgressEvent:
        return self._request("POST", f"/admin/dossiers/{key}/status", model=p.ProgressEvent,
                             json=change.model_dump(mode="json"))

    def admin_dossiers(self) -> list[p.PortalDossier]:
        return self._request("GET", "/admin/dossiers", model=_DossierList).root

    def admin_publish_catalog(self, records: list[dict[str, Any]]) -> int:
        return self._request("POST", "/admin/catalog", model=p.CatalogChanges,
                             json={"records": records}).cursor

    def admin_publish_calendar(self, days: list[dict[str, Any]]) -> int:
        return self._request("POST", "/admin/calendar", model=p.CalendarChanges, json={"days": days}).cursor

    def admin_publish_block(self, block: p.AdminBlockPublish) -> p.NumberBlockOut:
        return self._request("POST", "/admin/number-blocks", model=p.NumberBlockOut, json=block.model_dump(mode="json"))

    def admin_set_faults(self, faults: p.Faults) -> p.Faults:
        return self._request("PUT", "/admin/faults", model=p.Faults, json=faults.model_dump(mode="json"))
