"""Request body limits for the reference portal, applied while the body is read.

A declared Content-Length over the route's limit is refused at once (413) without reading;
a body sent without a length (chunked) is counted as it arrives and refused (413) as soon as
it passes the limit, so no request body is held in memory beyond its limit (before this, a
single 192 MB chunk was read whole and stored). Limits: file chunks and whole small files
`protocol.MAX_CHUNK_BYTES` (4 MiB), everything else `protocol.MAX_JSON_BYTES` (16 MiB).
"""

from __future__ import annotations

import json

from sync import protocol as p


class BodyTooLarge(Exception):
    pass


def limit_for(path: str) -> int:
    if path.startswith(p.API_PREFIX + "/attachments/") and path.endswith(("/chunks", "/content")):
        return p.MAX_CHUNK_BYTES
    return p.MAX_JSON_BYTES


class BodyLimitMiddleware:
    def __init__(self, app) -> None:  # noqa: ANN001
        self.app = app

    async def __call__(self, scope, receive, send) -> None:  # noqa: ANN001
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = limit_for(scope.get("path", ""))
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared < 0 or declared > limit:
                    await _too_large(send, limit)
                    return
        seen = 0
        started = False

        async def counted_receive():  # noqa: ANN202
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge()
            return message

        async def watched_send(message) -> None:  # noqa: ANN001
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except BodyTooLarge:
            if not started:
                await _too_large(send, limit)


async def _too_large(send, limit: int) -> None:  # noqa: ANN001
    mb = limit / (1024 * 1024)
    raw = json.dumps({"detail": f"Yêu cầu lớn hơn {mb:g} MB / request body over {mb:g} MB", "code": "too_large"},
                     ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(raw)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": raw})
