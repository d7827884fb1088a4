#!/usr/bin/env python3
"""A stand-in for Keystone (tokens, trusts) and Cinder (volume backups) for `make bench-cloud`,
where the real services cannot hold 100,000 projects: only the calls this project makes, with
the statuses, transitions, bodies and headers of Keystone v3 and Cinder v3 (microversions up to
3.71). The real services are tested elsewhere (tests/services, tests/e2e).

One port: /identity (Keystone: [service_auth] os_auth_url, [keystone_authtoken] auth_url),
/volume/v3/<project_id> (Cinder, the catalog's volumev3 and block-storage endpoints), /stats.

Keystone: any user, with any non-empty password (only --password when given); ids are the names
given (domain Default). Roles: --service-user (freezer) admin and service, admin admin, member
and reader, others member and reader. Trust "trust-<project_id>" always exists (the benchmark
seeds them): trustor user-<project_id>, trustee --service-user, roles member and reader; trusts
made with POST /v3/OS-TRUST/trusts too. Deleting a trust revokes its tokens. Catalog: identity,
backup (--api-url), volumev3 and block-storage (.../volume/v3/<project_id>).

Cinder: every volume exists (1 GiB, available). A backup is `creating` (its volume `backing-up`)
for --backup-seconds +-20%, then `available`, or `error` with probability --error-rate; deleted,
`deleting` for --delete-seconds +-20%, then gone (404). A restore: backup `restoring` and
volume `restoring-backup` for --backup-seconds. Snapshots are not simulated.

GET /stats[?since=EPOCH&until=EPOCH&per_volume=1]: requests per "service method route" (and
per status), per minute, backup creations per volume in the window (histogram, volumes made more
than once, all counts with per_volume); also written to --stats-file then and on SIGTERM/SIGINT
(which stop the simulator).
"""
import argparse
import json
import random
import signal
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

MAX_MV = (3, 71)                  # Cinder 2024.1 and later
ALLOW_EXPIRED_WINDOW = 48 * 3600  # Keystone [token] allow_expired_window
DOMAIN = {"id": "default", "name": "Default"}
UNAUTHORIZED = "The request you have made requires authentication."
TITLES = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found"}
VOLUME_MEDIA_TYPE = "application/vnd.openstack.volume+json;version=3"
FAULTS = {400: "badRequest", 403: "forbidden", 404: "itemNotFound"}  # else computeFault


class Fail(Exception):
    def __init__(self, status, body, headers=()):
        super().__init__(status)
        self.status, self.body, self.headers = status, body, list(headers)


def ks_fail(status, message):
    return Fail(status, {"error": {"code": status, "message": message, "title": TITLES[status]}})


def cinder_fail(status, message):
    return Fail(status, {FAULTS.get(status, "computeFault"): {"code": status, "message": message}})


def ks_time(t):
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)) + ".%06dZ" % int(t % 1 * 1e6)


def cinder_time(t):  # DATETIME columns: whole seconds
    return time.strftime("%Y-%m-%dT%H:%M:%S.000000", time.gmtime(t))


def ref(kind, name):
    return {"id": uuid.uuid5(uuid.NAMESPACE_URL, kind + ":" + name).hex, "name": name}


def jitter(seconds):
    return seconds * random.uniform(0.8, 1.2)


class Cloud:
    def __init__(self, a):
        self.a, self.lock, self.started = a, threading.Lock(), time.time()
        self.identity_url = f"http://127.0.0.1:{a.port}/identity"
        self.volume_url = f"http://127.0.0.1:{a.port}/volume"
        self.tokens, self.trusts, self.deleted_trusts = {}, {}, set()
        self.backups, self.by_volume, self.by_project, self.children = {}, {}, {}, {}
        self.restoring, self.creations, self.requests, self.minutes = {}, {}, {}, {}
        self.responses = {}
        self.issued, self.prune_at = 0, 100000

    # ---- Keystone ----------------------------------------------------------------------------
    def trust(self, trust_id):
        if trust_id in self.trusts or not trust_id.startswith("trust-") or len(trust_id) < 7 \
                or trust_id in self.deleted_trusts:
            return self.trusts.get(trust_id)
        return {"id": trust_id, "trustor_user_id": "user-" + trust_id[6:], "impersonation": False,
                "trustee_user_id": self.a.service_user, "project_id": trust_id[6:],
                "roles": ["member", "reader"]}

    def live_token(self, token_id, allow_expired=False):
        rec = self.tokens.get(token_id or "")
        if rec is None or rec["exp"] <= time.time() - allow_expired * ALLOW_EXPIRED_WINDOW:
            return None
        return None if rec["trust"] and self.trust(rec["trust"]) is None else rec

    def caller(self, headers):
        rec = self.live_token(headers.get("X-Auth-Token"))
        if rec is None:
            raise ks_fail(401, UNAUTHORIZED)
        return rec, rec["body"]["user"]["id"], "admin" in rec["roles"]

    def catalog(self, project):
        volume = f"{self.volume_url}/v3/{project}"
        return [dict(ref("service", t), type=t, endpoints=[
            dict(ref("endpoint", t + i), interface=i, region_id="RegionOne", region="RegionOne",
                 url=url) for i in ("public", "internal", "admin")])
            for t, url in (("identity", self.identity_url), ("backup", self.a.api_url),
                           ("volumev3", volume), ("block-storage", volume))]

    def token_body(self, rec, q):
        body = dict(rec["body"])
        if "nocatalog" not in q and "project" in body:
            body["catalog"] = self.catalog(body["project"]["id"])
        return {"token": body}

    def issue(self, body, q):  # POST /v3/auth/tokens
        auth = body.get("auth") if isinstance(body, dict) else None
        if not isinstance(auth, dict) or not isinstance(auth.get("identity"), dict):
            raise ks_fail(400, "Expecting to find auth in request body.")
        identity = auth["identity"]
        methods, scope, now = identity.get("methods") or [], auth.get("scope") or {}, time.time()
        if "password" in methods:
            user = (identity.get("password") or {}).get("user") or {}
            user_id, password = user.get("id") or user.get("name"), user.get("password")
            if not user_id or not password or self.a.password not in (None, password):
                raise ks_fail(401, UNAUTHORIZED)
        elif "token" in methods:
            prior = self.live_token((identity.get("token") or {}).get("id"))
            if prior is None:
                raise ks_fail(401, UNAUTHORIZED)
            user_id = prior["body"]["user"]["id"]
        else:
            raise ks_fail(401, "Only the password and token methods are simulated.")
        tok = {"methods": methods, "user": {"domain": DOMAIN, "id": user_id, "name": user_id,
                                            "password_expires_at": None},
               "audit_ids": [uuid.uuid4().hex[:22]], "expires_at": ks_time(now + self.a.token_ttl),
               "issued_at": ks_time(now)}
        trust_id, kind = None, methods[0]
        if "OS-TRUST:trust" in scope:
            trust_id, kind = (scope["OS-TRUST:trust"] or {}).get("id") or "", "trust"
            trust = self.trust(trust_id)
            if trust is None:
                raise ks_fail(401, f"Could not find trust: {trust_id}.")
            if trust["trustee_user_id"] != user_id:
                raise ks_fail(403, "User is not a trustee.")
            tok["OS-TRUST:trust"] = {"id": trust_id, "impersonation": trust["impersonation"],
                                     "trustor_user": {"id": trust["trustor_user_id"]},
                                     "trustee_user": {"id": user_id}}
            project, roles = trust["project_id"], trust["roles"]
        elif "project" in scope:
            project = scope["project"].get("id") or scope["project"].get("name")
            roles = ["admin", "service"] if user_id == self.a.service_user else \
                ["admin", "member", "reader"] if user_id == "admin" else ["member", "reader"]
            tok["is_domain"] = False
        elif scope:
            raise ks_fail(401, "Only project and trust scopes are simulated.")
        if scope:
            tok["project"] = {"domain": DOMAIN, "id": project, "name": project}
            tok["roles"] = [ref("role", r) for r in roles]
        token_id = "gAAAAAB" + uuid.uuid4().hex + uuid.uuid4().hex
        rec = self.tokens[token_id] = {"body": tok, "exp": now + self.a.token_ttl,
                                       "trust": trust_id, "roles": set(roles if scope else [])}
        self.issued += 1
        if len(self.tokens) > self.prune_at:  # forget tokens past allow_expired's window
            self.tokens = {k: v for k, v in self.tokens.items()
                           if v["exp"] > now - ALLOW_EXPIRED_WINDOW}
            self.prune_at = 2 * len(self.tokens) + 100000
        return 201, self.token_body(rec, q), [("X-Subject-Token", token_id), kind]

    def validate(self, method, headers, q):  # GET, HEAD, DELETE /v3/auth/tokens
        rec, me, _ = self.caller(headers)
        subject_id = headers.get("X-Subject-Token") or ""
        subject = self.live_token(subject_id, q.get("allow_expired", ["0"])[0] in ("1", "true"))
        # identity:validate_token: a service (or admin), or the token's own user.
        if subject is None or not (rec["roles"] & {"admin", "service"}
                                   or me == subject["body"]["user"]["id"]):
            raise ks_fail(404, f"Could not find token: {subject_id}.")
        if method == "DELETE":
            del self.tokens[subject_id]
            return 204, None, []
        return 200, self.token_body(subject, q), [("X-Subject-Token", subject_id)]

    def trust_view(self, t, with_roles=True):
        out = {k: t[k] for k in ("id", "trustor_user_id", "trustee_user_id", "project_id",
                                 "impersonation")}
        out.update(allow_redelegation=False, redelegation_count=0, expires_at=None,
                   remaining_uses=None,
                   links={"self": f"{self.identity_url}/v3/OS-TRUST/trusts/{t['id']}"})
        if with_roles:
            out["roles"] = [ref("role", r) for r in t["roles"]]
        return out

    def trusts_call(self, method, trust_id, headers, q, body):  # /v3/OS-TRUST/trusts[/id]
        rec, me, admin = self.caller(headers)
        if method == "POST" and trust_id is None:
            t = (body or {}).get("trust") or {}
            if t.get("trustor_user_id") != me:
                raise ks_fail(403, "The authenticated user should match the trustor.")
            roles = [r.get("name", "").lower() for r in t.get("roles") or []]
            if not roles or not set(roles) <= rec["roles"] or not t.get("trustee_user_id"):
                raise ks_fail(403, "The trustor does not have the delegated roles.")
            new = {"id": uuid.uuid4().hex, "trustor_user_id": me, "roles": roles,
                   "trustee_user_id": t["trustee_user_id"], "project_id": t.get("project_id"),
                   "impersonation": bool(t.get("impersonation"))}
            self.trusts[new["id"]] = new
            return 201, {"trust": self.trust_view(new)}, []
        if method == "GET" and trust_id is None:
            trustor, trustee = (q.get(k, [""])[0] for k in ("trustor_user_id", "trustee_user_id"))
            if not admin and me not in (trustor, trustee):
                raise ks_fail(403, "You are not authorized to perform the requested action.")
            seeded = self.trust("trust-" + trustor[5:]) if trustor.startswith("user-") else None
            found = [t for t in list(self.trusts.values()) + [seeded] if t
                     and trustor in ("", t["trustor_user_id"])
                     and trustee in ("", t["trustee_user_id"])]
            return 200, {"trusts": [self.trust_view(t, False) for t in found],
                         "links": {"self": self.identity_url + "/v3/OS-TRUST/trusts",
                                   "next": None, "previous": None}}, []
        t = self.trust(trust_id or "")
        if t is None or method not in ("GET", "DELETE"):
            raise ks_fail(404, f"Could not find trust: {trust_id}.")
        if not admin and me != t["trustor_user_id"] \
                and (method, me) != ("GET", t["trustee_user_id"]):
            raise ks_fail(403, "You are not authorized to perform the requested action.")
        if method == "GET":
            return 200, {"trust": self.trust_view(t)}, []
        self.trusts.pop(trust_id, None)
        self.deleted_trusts.add(trust_id)
        return 204, None, []

    # ---- Cinder ------------------------------------------------------------------------------
    def status(self, b, now):  # applies the transitions due by now; None: gone
        if b["status"] == "creating" and now >= b["until"]:
            b["status"], b["updated"] = b["final"], b["until"]
            b["fail_reason"] = "simulated backup failure" if b["final"] == "error" else None
        elif b["status"] == "restoring" and now >= b["until"]:
            b["status"], b["updated"] = "available", b["until"]
        elif b["status"] == "deleting" and now >= b["until"]:
            del self.backups[b["id"]]
            self.by_volume[(b["project"], b["volume_id"])].remove(b["id"])
            del self.by_project[b["project"]][b["id"]]
            if b["parent_id"]:
                self.children[b["parent_id"]] -= 1
            return None
        return b["status"]

    def volume_status(self, project, volume_id, now):
        if self.restoring.get((project, volume_id), 0) > now:
            return "restoring-backup"
        for backup_id in list(self.by_volume.get((project, volume_id), ())):
            if self.status(self.backups[backup_id], now) == "creating":
                return "backing-up"
        return "available"

    def backup_view(self, b, mv, detail=True):
        path = f"{b['project']}/backups/{b['id']}"
        out = {"id": b["id"], "name": b["name"],
               "links": [{"href": f"{self.volume_url}/v3/{path}", "rel": "self"},
                         {"href": f"{self.volume_url}/{path}", "rel": "bookmark"}]}
        if detail:
            out.update(status=b["status"], size=1, object_count=int(b["status"] != "creating"),
                       availability_zone=b["az"], container=b["container"],
                       created_at=cinder_time(b["created"]), updated_at=cinder_time(b["updated"]),
                       description=b["description"], fail_reason=b["fail_reason"],
                       volume_id=b["volume_id"], is_incremental=bool(b["parent_id"]),
                       has_dependent_backups=self.children.get(b["id"], 0) > 0,
                       snapshot_id=b["snapshot_id"], data_timestamp=cinder_time(b["created"]))
            if mv >= (3, 43):
                out["metadata"] = b["metadata"]
        return out

    def cinder(self, method, rest, project, admin, mv, q, body, now):  # /v3/<project>/...
        if method == "GET" and len(rest) == 2 and rest[0] == "volumes":
            return 200, {"volume": {
                "id": rest[1], "status": self.volume_status(project, rest[1], now), "size": 1,
                "name": "", "availability_zone": "nova", "attachments": [], "bootable": "false",
                "multiattach": False, "volume_type": "lvmdriver-1", "metadata": {}}}
        if rest == ["backups"] and method == "POST":
            return self.create_backup(project, mv, body, now)
        if method == "GET" and rest in (["backups"], ["backups", "detail"]):
            return self.list_backups(project, admin, mv, q, now, len(rest) == 2)
        if rest[:1] != ["backups"] or len(rest) not in (2, 3) or \
                (method, rest[2:]) not in (("GET", []), ("DELETE", []), ("POST", ["restore"])):
            raise cinder_fail(404, "The resource could not be found.")
        b = self.backups.get(rest[1])
        if b is None or (b["project"] != project and not admin) or self.status(b, now) is None:
            raise cinder_fail(404, f"Backup {rest[1]} could not be found.")
        if method == "GET":
            return 200, {"backup": self.backup_view(b, mv)}
        if method == "POST":
            return self.restore(b, body, now)
        if b["status"] not in ("available", "error"):
            raise cinder_fail(400, "Invalid backup: Backup status must be available or error")
        if self.children.get(b["id"], 0):
            raise cinder_fail(400, "Invalid backup: Incremental backups exist for this backup.")
        b["status"], b["updated"], b["until"] = "deleting", now, now + jitter(self.a.delete_seconds)
        return 202, None

    def create_backup(self, project, mv, body, now):
        req = body.get("backup") if isinstance(body, dict) else None
        if not isinstance(req, dict) or not req.get("volume_id"):
            raise cinder_fail(400, "Invalid input for field/attribute backup.")
        volume_id = req["volume_id"]
        status = self.volume_status(project, volume_id, now)
        if status != "available":
            raise cinder_fail(400, "Invalid volume: Volume to be backed up must be available or "
                                   f'in-use, but the current status is "{status}".')
        parent = None
        if str(req.get("incremental")).lower() in ("true", "1", "yes", "on"):
            mine = [self.backups[i] for i in self.by_volume.get((project, volume_id), ())]
            if not any(b["status"] == "available" for b in mine):
                raise cinder_fail(400, "Invalid backup: No backups available to do an "
                                       "incremental backup.")
            parent = max((b for b in mine if b["status"] == "available"),
                         key=lambda b: b["created"])["id"]
            self.children[parent] = self.children.get(parent, 0) + 1
        final = "error" if random.random() < self.a.error_rate else "available"
        b = {"id": str(uuid.uuid4()), "project": project, "volume_id": volume_id,
             "status": "creating", "final": final, "created": now, "updated": now,
             "until": now + jitter(self.a.backup_seconds), "parent_id": parent,
             "name": req.get("name"), "description": req.get("description"),
             "container": req.get("container"), "snapshot_id": req.get("snapshot_id"),
             "az": (req.get("availability_zone") if mv >= (3, 51) else None) or "nova",
             "metadata": (req.get("metadata") if mv >= (3, 43) else None) or {},
             "fail_reason": None}
        self.backups[b["id"]] = b
        self.by_volume.setdefault((project, volume_id), []).append(b["id"])
        self.by_project.setdefault(project, {})[b["id"]] = None
        self.creations.setdefault(volume_id, []).append((now, final))
        self.count_minute(now, "backups_created")
        return 202, {"backup": self.backup_view(b, mv, detail=False)}

    def list_backups(self, project, admin, mv, q, now, detail):
        arg = {k: v[0] for k, v in q.items()}
        if admin and arg.get("all_tenants", "0").lower() in ("1", "true"):
            ids = list(self.backups)
        elif "volume_id" in arg:
            ids = list(self.by_volume.get((project, arg["volume_id"]), ()))
        else:
            ids = list(self.by_project.get(project, ()))
        found = [b for b in map(self.backups.get, ids) if self.status(b, now) is not None
                 and all(b[k] == arg[k] for k in ("status", "name", "volume_id") if k in arg)]
        key, _, direction = arg.get("sort", "").partition(":")  # Cinder: created_at,id desc
        key, direction = key or arg.get("sort_key", "created_at"), \
            direction or arg.get("sort_dir", "desc")
        field = {"updated_at": "updated", "name": "name", "id": "id", "status": "status"} \
            .get(key, "created")
        found.sort(key=lambda b: (int(b[field]) if field in ("created", "updated")
                                  else b[field] or "", b["id"]), reverse=direction == "desc")
        if "marker" in arg:
            at = [i for i, b in enumerate(found) if b["id"] == arg["marker"]]
            if not at:
                raise cinder_fail(404, f"Backup {arg['marker']} could not be found.")
            found = found[at[0] + 1:]
        limit = min(int(arg.get("limit", 1000)), 1000)  # osapi_max_limit
        out = {"backups": [self.backup_view(b, mv, detail) for b in found[:limit]]}
        if len(found) > limit:
            out["backups_links"] = [{"rel": "next", "href": f"{self.volume_url}/v3/{project}/"
                                     f"backups{'/detail' * detail}?limit={limit}"
                                     f"&marker={found[limit - 1]['id']}"}]
        return 200, out

    def restore(self, b, body, now):
        req = body.get("restore") if isinstance(body, dict) else None
        if not isinstance(req, dict):
            raise cinder_fail(400, "Invalid input for field/attribute restore.")
        if b["status"] != "available":
            raise cinder_fail(400, "Invalid backup: Backup status must be available")
        volume_id = req.get("volume_id") or str(uuid.uuid4())
        if req.get("volume_id") and self.volume_status(b["project"], volume_id, now) != "available":
            raise cinder_fail(400, "Invalid volume: Volume to be restored to must be available")
        b["status"], b["updated"] = "restoring", now
        b["until"] = now + jitter(self.a.backup_seconds)
        self.restoring[(b["project"], volume_id)] = b["until"]
        return 202, {"restore": {"backup_id": b["id"], "volume_id": volume_id,
                                 "volume_name": req.get("name") or f"restore_backup_{b['id']}"}}

    # ---- counters ----------------------------------------------------------------------------
    def count_minute(self, now, what):
        minute = self.minutes.setdefault(int(now // 60) * 60, {})
        minute[what] = minute.get(what, 0) + 1

    def count(self, route, status, now):
        self.requests[route] = self.requests.get(route, 0) + 1
        by_status = self.responses.setdefault(route, {})
        by_status[str(status)] = by_status.get(str(status), 0) + 1
        self.count_minute(now, route.split(" ", 1)[0])

    def stats(self, q):
        now = time.time()
        since, until = float(q.get("since", ["0"])[0]), float(q.get("until", ["inf"])[0])
        by_status, histogram, duplicates, per_volume = {}, {}, [], {}
        for b in list(self.backups.values()):
            s = self.status(b, now)
            by_status[s] = by_status.get(s, 0) + 1
        by_status.pop(None, None)
        for volume_id, made in self.creations.items():
            inside = [m for m in made if since <= m[0] < until]
            if inside:
                histogram[len(inside)] = histogram.get(len(inside), 0) + 1
                per_volume[volume_id] = len(inside)
                if len(inside) > 1:
                    duplicates.append({"volume_id": volume_id, "creations": inside})
        window = {"since": since, "until": None if until == float("inf") else until,
                  "volumes": len(per_volume), "creations": sum(per_volume.values()),
                  "histogram": {str(k): v for k, v in sorted(histogram.items())},
                  "volumes_made_more_than_once": len(duplicates), "duplicates": duplicates[:1000]}
        out = {"now": now, "started_at": self.started, "config": vars(self.a),
               "requests": self.requests, "responses": self.responses,
               "per_minute": [dict(minute=m, **c) for m, c in sorted(self.minutes.items())],
               "keystone": {"tokens_issued": self.issued, "tokens_kept": len(self.tokens),
                            "trusts_created_live": len(self.trusts),
                            "trusts_deleted": len(self.deleted_trusts)},
               "backups": {"live_by_status": by_status, "window": window}}
        if "per_volume" in q:
            out["backups_per_volume"] = per_volume  # in the window
        if self.a.stats_file:
            with open(self.a.stats_file, "w") as f:
                json.dump(out, f)
        return out


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: every answer has a Content-Length
    disable_nagle_algorithm = True  # else headers then body wait for a delayed ACK (40 ms)
    cloud = None

    def log_message(self, *args):
        pass

    def do_GET(self):
        c, a, method = self.cloud, self.cloud.a, self.command
        path, _, query = self.path.partition("?")
        q, parts = parse_qs(query, keep_blank_values=True), [p for p in path.split("/") if p]
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        service = {"identity": "keystone", "volume": "cinder"}.get(parts[0] if parts else "", "")
        names = {"keystone": {4: "{id}"}, "cinder": {2: "{project}", 4: "{id}"}}.get(service, {})
        route = f"{method} /" + "/".join(p if p == "detail" else names.get(i, p)
                                         for i, p in enumerate(parts[1:], 1)) if service \
            else f"{method} {path}"
        slow = route == "POST /v3/auth/tokens" or route == "POST /v3/OS-TRUST/trusts"
        time.sleep({"keystone": a.issue_ms if slow else a.validate_ms,
                    "cinder": a.cinder_ms}.get(service, 0) / 1000.0)
        now = time.time()
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        with c.lock:
            try:
                status, out, headers = self.route(service, method, parts, q, body)
            except Fail as e:
                status, out, headers = e.status, e.body, e.headers
            except ValueError as e:  # a malformed query parameter
                status, out, headers = 400, {"badRequest": {"code": 400, "message": repr(e)}}, []
            except Exception as e:  # a body of an unexpected shape
                status, out, headers = 500, {"computeFault": {"code": 500, "message": repr(e)}}, []
            if route == "POST /v3/auth/tokens":  # by method: password, token, trust
                route += f" ({headers.pop() if status == 201 else 'refused'})"
            c.count(f"{service or 'other'} {route}", status, now)
        data = b"" if out is None else json.dumps(out).encode()
        self.send_response(status)
        for name, value in headers + [("x-openstack-request-id", f"req-{uuid.uuid4()}")] + \
                [("Content-Type", "application/json")] * bool(data):
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_POST = do_DELETE = do_HEAD = do_PUT = do_PATCH = do_GET

    def route(self, service, method, parts, q, body):
        c, now, vary = self.cloud, time.time(), [("Vary", "X-Auth-Token")]
        if service == "keystone":
            v3 = {"id": "v3.14", "status": "stable", "updated": "2020-04-07T00:00:00Z",
                  "links": [{"rel": "self", "href": c.identity_url + "/v3/"}],
                  "media-types": [{"base": "application/json",
                                   "type": "application/vnd.openstack.identity-v3+json"}]}
            if parts[1:] in ([], ["v3"]) and method == "GET":
                return (300, {"versions": {"values": [v3]}}, vary) if len(parts) == 1 else \
                    (200, {"version": v3}, vary)
            if parts[1:] == ["v3", "auth", "tokens"] and method == "POST":
                status, out, headers = c.issue(body, q)
            elif parts[1:] == ["v3", "auth", "tokens"] and method in ("GET", "HEAD", "DELETE"):
                status, out, headers = c.validate(method, self.headers, q)
            elif parts[1:4] == ["v3", "OS-TRUST", "trusts"] and len(parts) <= 5:
                status, out, headers = c.trusts_call(method, (parts[4:] or [None])[0],
                                                     self.headers, q, body)
            else:
                raise ks_fail(404, "The resource could not be found.")
            return status, out, vary + headers
        if service == "cinder":
            if len(parts) <= 2 and method == "GET":  # version discovery, no token
                return 300, {"versions": [{
                    "id": "v3.0", "status": "CURRENT", "version": "%d.%d" % MAX_MV,
                    "min_version": "3.0", "updated": "2023-08-31T00:00:00Z", "links": [],
                    "media-types": [{"base": "application/json",
                                     "type": VOLUME_MEDIA_TYPE}]}]}, []
            token = c.live_token(self.headers.get("X-Auth-Token"))  # keystonemiddleware
            if token is None:
                raise Fail(401, {"error": {"code": 401, "title": "Unauthorized",
                                           "message": UNAUTHORIZED}},
                           [("WWW-Authenticate", f'Keystone uri="{c.identity_url}"')])
            asked = (self.headers.get("OpenStack-API-Version") or "volume 3.0").split()[-1]
            try:
                mv = MAX_MV if asked == "latest" else tuple(map(int, asked.split(".")))
            except ValueError:
                mv = (0, 0)
            if not (3, 0) <= mv <= MAX_MV:
                raise cinder_fail(406, f"Version {asked} is not supported by the API. Minimum "
                                       "is 3.0 and maximum is %d.%d." % MAX_MV)
            if len(parts) < 4 or parts[1] != "v3" \
                    or parts[2] != token["body"].get("project", {}).get("id"):
                raise cinder_fail(400, "Malformed request url")  # Cinder's wsgi, not its policy
            status, out = c.cinder(method, parts[3:], parts[2], "admin" in token["roles"], mv, q,
                                   body, now)
            return status, out, [("OpenStack-API-Version", "volume %d.%d" % mv),
                                 ("Vary", "OpenStack-API-Version")]
        if parts == ["stats"] and method == "GET":
            return 200, c.stats(q), []
        return 404, {"error": "no such route in cloud_sim"}, []


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--api-url", required=True, help="the catalog's backup endpoint")
    p.add_argument("--backup-seconds", type=float, default=2.0)
    p.add_argument("--delete-seconds", type=float, default=1.0)
    p.add_argument("--error-rate", type=float, default=0.0)
    p.add_argument("--token-ttl", type=float, default=3600)
    p.add_argument("--stats-file")
    p.add_argument("--password", help="the only password accepted (default: any)")
    p.add_argument("--service-user", default="freezer", help="trustee of the seeded trusts")
    p.add_argument("--issue-ms", type=float, default=20.0, help="token issue, trust creation")
    p.add_argument("--validate-ms", type=float, default=5.0, help="other Keystone calls")
    p.add_argument("--cinder-ms", type=float, default=10.0, help="every Cinder call")
    a = p.parse_args()
    Handler.cloud = Cloud(a)
    ThreadingHTTPServer.request_queue_size = 1024
    server = ThreadingHTTPServer(("127.0.0.1", a.port), Handler)
    server.handle_error = lambda request, address: None  # clients that hang up
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"cloud_sim: Keystone {Handler.cloud.identity_url}, "
          f"Cinder {Handler.cloud.volume_url}/v3/<project_id>", flush=True)
    while not stop.wait(1.0):
        pass
    with Handler.cloud.lock:
        Handler.cloud.stats({})


if __name__ == "__main__":
    main()
