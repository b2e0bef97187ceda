"""Fault injection for the reference portal: latency, 5xx, 429 + Retry-After, connections
dropped mid-response, and responses lost after the write committed.

A pure ASGI middleware; the switches are changed through `PUT /api/v1/admin/faults`
(admin routes and nothing else are exempt).
"""

from __future__ import annotations

import asyncio
import json
import random
import threading

from sync import protocol as p


class InjectedDrop(Exception):
    """Raised after the response has started so the server closes the connection."""


class FaultState:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.faults = p.Faults()
        self._rng = random.Random()
        self.counts: dict[str, int] = {}

    def set(self, faults: p.Faults) -> p.Faults:
        with self._lock:
            self.faults = faults
            self._rng = random.Random(faults.seed)
        return faults

    def get(self) -> p.Faults:
        with self._lock:
            return self.faults.model_copy()

    def draw(self, path: str) -> tuple[int, str | None]:
        with self._lock:
            f = self.faults
            if f.path_prefix and not path.startswith(p.API_PREFIX + f.path_prefix):
                return 0, None
            if f.skip > 0:
                f.skip -= 1
                return f.latency_ms, None
            kind = None
            for name in ("error", "rate_limit", "drop", "lost_response"):
                left = getattr(f, f"{name}_next")
                if left > 0:
                    setattr(f, f"{name}_next", left - 1)
                    kind = name
                    break
            if kind is None:
                for name in ("error", "rate_limit", "drop", "lost_response"):
                    rate = getattr(f, f"{name}_rate")
                    if rate and self._rng.random() < rate:
                        kind = name
                        break
            if kind:
                self.counts[kind] = self.counts.get(kind, 0) + 1
            return f.latency_ms, kind


class FaultMiddleware:
    def __init__(self, app, state: FaultState) -> None:  # noqa: ANN001
        self.app = app
        self.state = state

    async def __call__(self, scope, receive, send) -> None:  # noqa: ANN001
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not path.startswith(p.API_PREFIX) or path.startswith(p.API_PREFIX + "/admin"):
            await self.app(scope, receive, send)
            return
        latency_ms, kind = self.state.draw(path)
        if latency_ms:
            await asyncio.sleep(latency_ms / 1000)
        if kind == "error":
            await _send_json(send, 503, {"detail": "Cổng tạm lỗi (giả lập) / portal error (injected)", "code": "injected"})
            return
        if kind == "rate_limit":
            retry_after = self.state.get().retry_after
            await _send_json(send, 429, {"detail": "Quá nhiều yêu cầu (giả lập) / too many requests (injected)",
                                         "code": "rate_limited"}, headers=[(b"retry-after", str(retry_after).encode())])
            return
        if kind in ("drop", "lost_response"):
            # Run the request for real (its write commits), keep the answer, then cut the line:
            # "drop" sends the head and half the body, "lost_response" only the head.
            messages: list[dict] = []

            async def capture(message) -> None:  # noqa: ANN001
                messages.append(message)

            await self.app(scope, receive, capture)
            start = next((m for m in messages if m["type"] == "http.response.start"), None)
            body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
            if start is None:
                raise InjectedDrop("no response")
            headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
            headers.append((b"content-length", str(max(len(body), 2)).encode()))
            await send({"type": "http.response.start", "status": start["status"], "headers": headers})
            if kind == "drop" and len(body) > 1:
                await send({"type": "http.response.body", "body": body[: len(body) // 2], "more_body": True})
            raise InjectedDrop(f"injected {kind} on {path}")
        await self.app(scope, receive, send)


async def _send_json(send, status: int, body: dict, headers: list | None = None) -> None:  # noqa: ANN001
    raw = json.dumps(body, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(raw)).encode())]
                + (headers or [])})
    await send({"type": "http.response.body", "body": raw})
