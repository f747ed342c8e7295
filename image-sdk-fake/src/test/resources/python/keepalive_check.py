"""Drives ONE http.client connection (which never reconnects silently on its own answers) through
create, chunked upload, show, list, 404 with a body, 400, delete against a fake Glance, and checks
that the socket (its local port) never changed and no answer said Connection: close.

usage: python3 keepalive_check.py PORT TOKEN     prints "KEEPALIVE ok requests=N" or exits 1
"""
import http.client
import json
import sys

port, token = int(sys.argv[1]), sys.argv[2]
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
conn.connect()
local = conn.sock.getsockname()
count = 0


def call(method, path, body=None, headers=None, expect=200, chunked=False):
    global count
    h = {"X-Auth-Token": token}
    h.update(headers or {})
    conn.request(method, path, body=body, headers=h, encode_chunked=chunked)
    r = conn.getresponse()
    data = r.read()
    count += 1
    if r.status != expect:
        sys.exit("%s %s: %d (expected %d) %r" % (method, path, r.status, expect, data[:200]))
    if r.will_close or conn.sock is None or conn.sock.getsockname() != local:
        sys.exit("%s %s: the connection did not persist" % (method, path))
    return data


image = json.loads(call("POST", "/v2/images", json.dumps(
    {"name": "py", "disk_format": "raw", "container_format": "bare"}),
    {"Content-Type": "application/json"}, 201))
iid = image["id"]
call("PUT", "/v2/images/%s/file" % iid, (b"x" * 512 for _ in range(2)),
     {"Content-Type": "application/octet-stream"}, 204, chunked=True)
shown = json.loads(call("GET", "/v2/images/%s" % iid))
if shown["size"] != 1024 or shown["status"] != "active":
    sys.exit("uploaded image: %r" % shown)
call("GET", "/v2/images")
call("GET", "/v2/images/00000000-0000-0000-0000-000000000000", b"{}",
     {"Content-Type": "application/json"}, 404)
call("POST", "/v2/images", b"{bad", {"Content-Type": "application/json"}, 400)
call("DELETE", "/v2/images/%s" % iid, expect=204)
call("GET", "/v2/images/%s" % iid, expect=404)
print("KEEPALIVE ok requests=%d" % count)
