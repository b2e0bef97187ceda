"""The reference portal's HTTP face (FastAPI), protocol v1 under /api/v1.

Every route runs as a signed-in user and passes that user to the store, which checks the
object's agency and counter against what the server assigned (see `access.py`): a read
outside the user's scope is a 404, a write a 403. Request bodies are limited while they are
read (`limits.py`); a file body is read in pieces up to the protocol's chunk size.
"""


from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from sync import protocol as p
from sync.portal.faults import FaultMiddleware, FaultState
from sync.portal.limits import BodyLimitMiddleware, BodyTooLarge
from sync.portal.store import Forbidden, PortalError, PortalStore, TooLarge, Unauthorized

ERRORS = {401: {"model": p.ErrorBody}, 403: {"model": p.ErrorBody}, 404: {"model": p.ErrorBody},
          409: {"model": p.ErrorBody}, 413: {"model": p.ErrorBody}, 422: {"model": p.ErrorBody},
          429: {"model": p.ErrorBody}}


async def _read_body(request: Request, limit: int) -> bytes:
    """The body, read in pieces and refused (413) as soon as it passes `limit`."""
    parts, seen = [], 0
    try:
        async for piece in request.stream():
            seen += len(piece)
            if seen > limit:
                raise TooLarge(f"Phần tệp lớn hơn {limit} byte / chunk over {limit} bytes")
            parts.append(piece)
    except BodyTooLarge as exc:
        raise TooLarge(f"Phần tệp lớn hơn {limit} byte / chunk over {limit} bytes") from exc
    return b"".join(parts)

bearer = HTTPBearer(auto_error=False)


class _InjectedFailure(PortalError):
    status = 500
    code = "injected"


def create_app(store: PortalStore, faults: FaultState | None = None) -> FastAPI:
    app = FastAPI(title="Counter portal protocol", version=p.API_VERSION,
                  description="Counter <-> provincial portal sync protocol (reference portal). "
                              "Schemas live in sync/protocol.py.")
    app.state.store = store
    app.state.faults = faults or FaultState()

    @app.exception_handler(PortalError)
    async def _portal_error(_request: Request, exc: PortalError) -> JSONResponse:
        body = p.ErrorBody(detail=exc.detail, code=exc.code, server_version=exc.server_version)
        return JSONResponse(body.model_dump(mode="json"), status_code=exc.status, headers=exc.headers or None)

    def who(creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> p.WhoAmI:
        if creds is None:
            raise Unauthorized("Chưa đăng nhập / not signed in")
        return store.who(creds.credentials)

    def admin(user: Annotated[p.WhoAmI, Depends(who)]) -> p.WhoAmI:
        if user.role != p.Role.ADMIN:
            raise Forbidden("Chỉ quản trị viên / admins only")
        return user

    Who = Annotated[p.WhoAmI, Depends(who)]
    Admin = Annotated[p.WhoAmI, Depends(admin)]
    api = APIRouter(prefix=p.API_PREFIX, responses=ERRORS)

    @api.get("/health", response_model=p.Health)
    def health() -> p.Health:
        return p.Health(server_time=datetime.now(UTC))

    @api.post("/auth/login", response_model=p.LoginResponse)
    def login(req: p.LoginRequest, request: Request) -> p.LoginResponse:
        return store.login(req, request.client.host if request.client else "")

    @api.post("/auth/logout", status_code=204)
    def logout(creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> None:
        if creds is not None:
            store.logout(creds.credentials)

    @api.get("/auth/me", response_model=p.WhoAmI)
    def me(user: Who) -> p.WhoAmI:
        return user

    @api.post("/operations", response_model=p.PushResponse)
    def push(req: p.PushRequest, user: Who) -> p.PushResponse:
        poison = set(app.state.faults.get().poison_entities)
        if poison and any(op.entity_id in poison for op in req.operations):
            raise _InjectedFailure("Cổng gặp lỗi với hồ sơ này (giả lập) / portal fails on this item (injected)")
        return store.push(req, user)

    @api.post("/ratings", response_model=p.RatingsResponse)
    def push_ratings(req: p.RatingsRequest, user: Who) -> p.RatingsResponse:
        """Citizens' ratings, each stored once by its uuid (sync/portal/ratings.py)."""
        return store.push_ratings(req, user)

    @api.get("/ratings", response_model=list[p.RatingOut])
    def ratings(user: Who, dossier_id: Annotated[str, Query(min_length=1, max_length=36)]) -> list[p.RatingOut]:
        return store.ratings(dossier_id, user)

    @api.put("/attachments/{attachment_id}", response_model=p.AttachmentStatus)
    def attachment_init(attachment_id: str, req: p.AttachmentInit, user: Who) -> p.AttachmentStatus:
        return store.attachment_init(attachment_id, req, user)

    @api.get("/attachments/{attachment_id}", response_model=p.AttachmentStatus)
    def attachment_status(attachment_id: str, user: Who) -> p.AttachmentStatus:
        return store.attachment_status(attachment_id, user)

    @api.post("/attachments/{attachment_id}/chunks", response_model=p.AttachmentStatus,
              openapi_extra={"requestBody": {"required": True, "content": {
                  "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}})
    async def attachment_chunk(attachment_id: str, request: Request, user: Who,
                               offset: Annotated[int, Query(ge=0)]) -> p.AttachmentStatus:
        data = await _read_body(request, p.MAX_CHUNK_BYTES)
        return await run_in_threadpool(store.attachment_chunk, attachment_id, offset, data, user)

    @api.put("/attachments/{attachment_id}/content", response_model=p.AttachmentStatus,
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}})
    async def attachment_put(attachment_id: str, request: Request, user: Who,
                             dossier_id: Annotated[str, Query(min_length=1, max_length=36)],
                             size: Annotated[int, Query(ge=0)],
                             sha256: Annotated[str, Query(pattern=r"^[0-9a-f]{64}$")],
                             filename: str = "", document_code: str | None = None) -> p.AttachmentStatus:
        """A whole file in one request (small files, first attempt); resumable uploads use PUT
        /attachments/{id} then POST /attachments/{id}/chunks."""
        init = p.AttachmentInit(dossier_id=dossier_id, size=size, sha256=sha256, filename=filename[:255],
                                document_code=document_code)
        store._check_size(size)  # before a byte of the body is read
        data = await _read_body(request, p.MAX_CHUNK_BYTES)
        return await run_in_threadpool(store.attachment_put, attachment_id, init, data, user)

    @api.get("/catalog/changes", response_model=p.CatalogChanges)
    def catalog_changes(user: Who, since: int = 0, limit: Annotated[int, Query(ge=1, le=2000)] = 500) -> p.CatalogChanges:
        return store.catalog_changes(since, limit)

    @api.get("/calendar/changes", response_model=p.CalendarChanges)
    def calendar_changes(user: Who, since: int = 0) -> p.CalendarChanges:
        return store.calendar_changes(since)

    @api.get("/agency", response_model=p.AgencyInfo)
    def agency(user: Who) -> p.AgencyInfo:
        return store.agency(user)

    @api.post("/number-blocks/reserve", response_model=p.NumberBlocks)
    def reserve(req: p.BlockReserveRequest, user: Who) -> p.NumberBlocks:
        return store.reserve_blocks(req, user)

    @api.get("/number-blocks", response_model=p.NumberBlocks)
    def blocks(user: Who, agency_code: str, counter_id: str, since: int = 0) -> p.NumberBlocks:
        return store.blocks_since(agency_code, counter_id, since, user)

    @api.get("/progress", response_model=p.ProgressEvents)
    def progress(user: Who, counter_id: str, since: int = 0) -> p.ProgressEvents:
        return store.progress_since(counter_id, since, user)

    @api.get("/dossiers/{key}/national", response_model=p.NationalPayload)
    def national(key: str, user: Who, request: Request) -> p.NationalPayload:
        return store.national(key, file_url_base=str(request.base_url).rstrip("/") + p.API_PREFIX + "/attachments/",
                              who=user)

    # --- back office -------------------------------------------------------------------
    @api.get("/admin/dossiers", response_model=list[p.PortalDossier])
    def admin_dossiers(user: Admin) -> list[p.PortalDossier]:
        return store.dossiers(agency_code=user.agency_code)

    @api.post("/admin/dossiers/{key}/status", response_model=p.ProgressEvent)
    def admin_status(key: str, change: p.AdminStatusChange, user: Admin) -> p.ProgressEvent:
        return store.back_office_status(key, change, user)

    @api.post("/admin/catalog", response_model=p.CatalogChanges)
    def admin_catalog(req: p.AdminCatalogPublish, user: Admin) -> p.CatalogChanges:
        cursor = store.publish_catalog(req.records)
        return p.CatalogChanges(changes=[], cursor=cursor)

    @api.post("/admin/calendar", response_model=p.CalendarChanges)
    def admin_calendar(req: p.AdminCalendarPublish, user: Admin) -> p.CalendarChanges:
        return p.CalendarChanges(days=req.days, cursor=store.publish_calendar(req.days))

    @api.post("/admin/number-blocks", response_model=p.NumberBlockOut)
    def admin_block(req: p.AdminBlockPublish, user: Admin) -> p.NumberBlockOut:
        return store.publish_block(req, user)

    @api.put("/admin/agency", response_model=p.AgencyInfo)
    def admin_agency(req: p.AdminAgency, user: Admin) -> p.AgencyInfo:
        store.set_agency(req, user)
        return store.agency(user)

    @api.get("/admin/faults", response_model=p.Faults)
    def get_faults(user: Admin) -> p.Faults:
        return app.state.faults.get()

    @api.put("/admin/faults", response_model=p.Faults)
    def set_faults(req: p.Faults, user: Admin) -> p.Faults:
        return app.state.faults.set(req)

    app.include_router(api)
    app.add_middleware(FaultMiddleware, state=app.state.faults)
    app.add_middleware(BodyLimitMiddleware)  # outermost: a body is limited before anything reads it
    return app


def openapi_document(app: FastAPI | None = None) -> dict:
    if app is None:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            store = PortalStore(f"sqlite:///{tmp}/o.db")
            doc = create_app(store).openapi()
            store.engine.dispose()
            return doc
    return app.openapi()
