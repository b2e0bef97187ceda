"""Every route of the reference portal checks the user's agency and counter as the server
assigned them: a matrix of role x own/other counter x own/other agency over every route,
against the real portal on 127.0.0.1. Reads outside the user's scope are 404 (like a dossier
that does not exist), writes 403; admins are a back office, not a counter."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
import requests

from sync import protocol as p
from sync.client import PortalClient
from sync.portal.server import PortalThread

OWN_AGENCY, OTHER_AGENCY = "H49.22", "H57.132"
OWN_COUNTER, OTHER_COUNTER = "Q01", "Q02"
PASSWORD = "mat-khau-thu"


@dataclass(frozen=True)
class Actor:
    role: str
    counter: str  # "own" | "other": the target's counter or another one
    agency: str  # "own" | "other"

    @property
    def id(self) -> str:
        return f"{self.role}-{self.counter}-counter-{self.agency}-agency"

    @property
    def username(self) -> str:
        if self.role == "officer":  # officers are assigned to one counter
            return f"officer-{self.counter}-{self.agency}"
        return f"{self.role}-{self.agency}"  # supervisors / admins: the agency; the counter is where they sit

    @property
    def agency_code(self) -> str:
        return OWN_AGENCY if self.agency == "own" else OTHER_AGENCY

    @property
    def counter_id(self) -> str:
        return OWN_COUNTER if self.counter == "own" else OTHER_COUNTER

    # What the rules say this actor may do with the target (a dossier of the own agency's own counter).
    @property
    def reads(self) -> bool:
        return self.agency == "own" and (self.role != "officer" or self.counter == "own")

    @property
    def writes(self) -> bool:
        return self.reads and self.role != "admin"

    @property
    def back_office(self) -> bool:
        return self.role == "admin" and self.agency == "own"


ACTORS = [Actor(r, c, a) for r in ("officer", "supervisor", "admin") for c in ("own", "other") for a in ("own", "other")]


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """One portal for the module: the users of the matrix, each signed in at its counter."""
    from .conftest import small_catalog

    folder = tmp_path_factory.mktemp("authz")
    server = PortalThread(f"sqlite:///{folder / 'portal.db'}", catalog=small_catalog(), demo=False).start()
    store = server.store
    for actor in ACTORS:
        store.add_user(actor.username, actor.role, PASSWORD, agency_code=actor.agency_code,
                       counters=[actor.counter_id] if actor.role == "officer" else None)
    sessions = {}
    for actor in ACTORS:
        login = PortalClient(server.url).login(actor.username, PASSWORD, counter_id=actor.counter_id,
                                               agency_code=actor.agency_code)
        http = requests.Session()
        http.headers["Authorization"] = f"Bearer {login.token}"
        sessions[actor] = http
    owner = sessions[Actor("officer", "own", "own")]
    yield server, sessions, owner
    for http in sessions.values():
        http.close()
    server.stop()


def api(server: PortalThread, path: str) -> str:
    return server.url + p.API_PREFIX + path


def new_dossier(server, owner) -> dict:
    """A dossier of the own agency's own counter, with a file and a back-office progress event."""
    dossier_id = str(uuid.uuid4())
    op = {"operation_id": str(uuid.uuid4()), "operation": "dossier.create", "entity_id": dossier_id,
          "payload": {"dossier": {"uuid": dossier_id, "code": "", "code_provisional": True,
                                  "agency_code": OWN_AGENCY, "counter_id": OWN_COUNTER, "status": 2,
                                  "received_at": datetime.now(UTC).isoformat(), "applicant_name": "Nguyễn Văn An"}}}
    answer = owner.post(api(server, "/operations"), json={"operations": [op]})
    assert answer.status_code == 200, answer.text
    code = answer.json()["results"][0]["data"]["code"]
    data = b"%PDF-1.4 scan"
    att_id = str(uuid.uuid4())
    put = owner.put(api(server, f"/attachments/{att_id}/content"), data=data, params={
        "dossier_id": dossier_id, "size": len(data), "sha256": hashlib.sha256(data).hexdigest(), "filename": "a.pdf"})
    assert put.status_code == 200, put.text
    event = server.store.back_office_status(code, p.AdminStatusChange(status=4, handler="Phòng Tư pháp"))
    return {"id": dossier_id, "code": code, "attachment": att_id, "progress_cursor": event.cursor}


def op(operation: str, entity_id: str, payload: dict) -> dict:
    return {"operations": [{"operation_id": str(uuid.uuid4()), "operation": operation, "entity_id": entity_id,
                            "payload": payload}]}


def file_params(dossier_id: str, data: bytes) -> dict:
    return {"dossier_id": dossier_id, "size": len(data), "sha256": hashlib.sha256(data).hexdigest(),
            "filename": "b.pdf"}


# route name -> (kind, call(server, http, target, actor) -> response). kind: read | write | back_office
ROUTES = {
    "GET national by code": ("read", lambda s, h, t, a: h.get(api(s, f"/dossiers/{t['code']}/national"))),
    "GET national by uuid": ("read", lambda s, h, t, a: h.get(api(s, f"/dossiers/{t['id']}/national"))),
    "GET attachment status": ("read", lambda s, h, t, a: h.get(api(s, f"/attachments/{t['attachment']}"))),
    "GET number blocks": ("read", lambda s, h, t, a: h.get(api(s, "/number-blocks"), params={
        "agency_code": OWN_AGENCY, "counter_id": OWN_COUNTER})),
    "GET progress feed": ("feed", lambda s, h, t, a: h.get(api(s, "/progress"), params={"counter_id": OWN_COUNTER})),
    "POST status change": ("write", lambda s, h, t, a: h.post(api(s, "/operations"), json=op(
        "dossier.status", t["id"], {"to_status": 3, "from_status": 4}))),
    "POST applicant rewrite": ("write", lambda s, h, t, a: h.post(api(s, "/operations"), json=op(
        "dossier.update", t["id"], {"dossier": {"applicant_name": "Kẻ mạo danh"}}))),
    "POST create in the agency": ("write", lambda s, h, t, a: h.post(api(s, "/operations"), json=op(
        "dossier.create", str(uuid.uuid4()), {"dossier": {"code": "", "code_provisional": True,
                                                         "agency_code": OWN_AGENCY, "counter_id": OWN_COUNTER,
                                                         "status": 2, "applicant_name": "Người mới"}}))),
    "PUT declare over the attachment": ("write", lambda s, h, t, a: h.put(api(s, f"/attachments/{t['attachment']}"),
                                                                          json=file_params(t["id"], b"other") | {
                                                                              "filename": "evil.pdf"})),
    "PUT replace the attachment": ("write", lambda s, h, t, a: h.put(
        api(s, f"/attachments/{t['attachment']}/content"), data=b"replaced", params=file_params(t["id"], b"replaced"))),
    "PUT new file for the dossier": ("write", lambda s, h, t, a: h.put(
        api(s, f"/attachments/{uuid.uuid4()}/content"), data=b"new", params=file_params(t["id"], b"new"))),
    "POST chunk to the attachment": ("write", lambda s, h, t, a: h.post(
        api(s, f"/attachments/{t['attachment']}/chunks"), params={"offset": 0}, data=b"x",
        headers={"Content-Type": "application/octet-stream"})),
    "POST reserve number blocks": ("write", lambda s, h, t, a: h.post(api(s, "/number-blocks/reserve"), json={
        "agency_code": OWN_AGENCY, "counter_id": OWN_COUNTER, "days": [date.today().isoformat()], "size": 5})),
    "GET admin dossiers": ("admin_list", lambda s, h, t, a: h.get(api(s, "/admin/dossiers"))),
    "POST admin status": ("back_office", lambda s, h, t, a: h.post(
        api(s, f"/admin/dossiers/{t['code']}/status"), json={"status": 5, "handler": "x"})),
    "POST admin number block": ("back_office", lambda s, h, t, a: h.post(api(s, "/admin/number-blocks"), json={
        "agency_code": OWN_AGENCY, "counter_id": OWN_COUNTER, "valid_on": f"2030-01-0{1 + len(a.id) % 9}",
        "first": 9000 + ACTORS.index(a) * 10, "last": 9005 + ACTORS.index(a) * 10})),
    "GET catalog changes": ("province", lambda s, h, t, a: h.get(api(s, "/catalog/changes"))),
    "GET calendar changes": ("province", lambda s, h, t, a: h.get(api(s, "/calendar/changes"))),
    "POST admin calendar": ("admin_any", lambda s, h, t, a: h.post(api(s, "/admin/calendar"), json={
        "days": [{"date": "2030-09-02", "kind": "off", "name": "Quốc khánh"}]})),
    "GET admin faults": ("admin_any", lambda s, h, t, a: h.get(api(s, "/admin/faults"))),
    "PUT admin agency": ("back_office", lambda s, h, t, a: h.put(api(s, "/admin/agency"), json={
        "agency_code": OWN_AGENCY, "agency_name": "UBND phường Hạ Long"})),
}


@pytest.mark.parametrize("actor", ACTORS, ids=lambda a: a.id)
@pytest.mark.parametrize("route", list(ROUTES))
def test_route_matrix(world, route, actor):
    server, sessions, owner = world
    target = new_dossier(server, owner)
    kind, call = ROUTES[route]
    answer = call(server, sessions[actor], target, actor)
    status = answer.status_code
    if kind == "read":
        assert status == (200 if actor.reads else 404), answer.text
    elif kind == "feed":
        seen = status == 200 and any(e["cursor"] == target["progress_cursor"] for e in answer.json()["events"])
        assert seen == actor.reads, answer.text
        if not actor.reads:  # another counter's feed is "not found"; another agency's own Q01 is its own
            assert status == (200 if actor.agency == "other" and actor.role == "officer" and actor.counter == "own"
                              or actor.agency == "other" and actor.role != "officer" else 404)
    elif kind == "write":
        assert status == (200 if actor.writes else 403), answer.text
        if status == 200 and route.startswith("POST") and "operations" in answer.url:
            assert answer.json()["results"][0]["outcome"] == "applied"
    elif kind == "admin_list":
        if actor.role != "admin":
            assert status == 403
        else:
            assert status == 200
            assert (target["id"] in {d["id"] for d in answer.json()}) == actor.back_office
    elif kind == "province":  # province data: every signed-in user
        assert status == 200
    elif kind == "admin_any":  # province data the back office publishes: any admin
        assert status == (200 if actor.role == "admin" else 403)
    elif kind == "back_office":
        assert status == (200 if actor.back_office else 403), answer.text
    # Nothing changed for the owner by a refused write.
    held = {d.id: d for d in server.store.dossiers()}[target["id"]]
    if status >= 400:
        assert held.status == 4 and held.data.get("applicant_name") == "Nguyễn Văn An"
        assert [a.sha256 for a in held.attachments if a.attachment_id == target["attachment"]] == [
            hashlib.sha256(b"%PDF-1.4 scan").hexdigest()]


def test_a_cross_tenant_read_looks_like_a_missing_dossier(world):
    server, sessions, owner = world
    target = new_dossier(server, owner)
    stranger = sessions[Actor("officer", "own", "other")]
    hidden = stranger.get(api(server, f"/dossiers/{target['code']}/national"))
    missing = stranger.get(api(server, f"/dossiers/{target['code']}9/national"))
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json()["code"] == missing.json()["code"] == "not_found"
    assert hidden.json()["detail"].replace(target["code"], "K") == missing.json()["detail"].replace(
        target["code"] + "9", "K")
    assert "Nguyễn" not in hidden.text


@pytest.mark.parametrize("actor", ACTORS, ids=lambda a: a.id)
def test_the_session_carries_what_the_server_assigned(world, actor):
    server, sessions, _owner = world
    me = sessions[actor].get(api(server, "/auth/me")).json()
    assert me["agency_code"] == actor.agency_code and me["role"] == actor.role
    assert me["counters"] == ([actor.counter_id] if actor.role == "officer" else [])
    assert sessions[actor].get(api(server, "/agency")).json()["agency_code"] == actor.agency_code


def test_a_login_claiming_another_counter_or_agency_is_refused(world):
    from sync.client import Rejected

    server, _sessions, _owner = world
    client = PortalClient(server.url)
    officer = Actor("officer", "own", "own").username
    with pytest.raises(Rejected) as other_counter:
        client.login(officer, PASSWORD, counter_id=OTHER_COUNTER, agency_code=OWN_AGENCY)
    assert other_counter.value.status == 403 and OTHER_COUNTER in other_counter.value.message
    with pytest.raises(Rejected) as other_agency:
        client.login(officer, PASSWORD, counter_id=OWN_COUNTER, agency_code=OTHER_AGENCY)
    assert other_agency.value.status == 403 and OTHER_AGENCY in other_agency.value.message
    # No claim at all: the session gets the counter the server assigned.
    client.token = client.login(officer, PASSWORD).token
    assert (client.me().agency_code, client.me().counter_id) == (OWN_AGENCY, OWN_COUNTER)
