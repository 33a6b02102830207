#!/usr/bin/env bash
# bench/case-list.sh — how fast the staff case list (/staff/cases) answers with many cases.
#
# Seeds CASES cases (default 100,000, fiscal years 2566-2568) into a temporary data directory through the service's own
# "seed" command (or reuses DATA=dir when it already holds messaging.db), adds a bench admin (TOTP enrolled by this
# script) and a bench case officer (engineering) with "staff add", starts ItaBot on 127.0.0.1, signs both in through
# the real sign-in pages, then times REQUESTS (default 50) GETs per scenario after 5 warm-ups, over one keep-alive
# connection, and prints p50/p95/max in milliseconds. Everything started is stopped at the end.
#
#   bench/case-list.sh
#   DATA=/tmp/casebench-data SKIP_BUILD=1 CONFIG=Debug bench/case-list.sh
set -euo pipefail
cd "$(dirname "$0")/.."

CASES=${CASES:-100000}
REQUESTS=${REQUESTS:-50}
PORT=${PORT:-5187}
CONFIG=${CONFIG:-Release}
DLL=${DLL:-src/ItaBot/bin/$CONFIG/net10.0/ItaBot.dll}

if [[ -z "${SKIP_BUILD:-}" ]]; then
  dotnet build src/ItaBot -c "$CONFIG" -v q --nologo >/dev/null
fi

if [[ -z "${DATA:-}" ]]; then
  DATA=$(mktemp -d -t itabot-caselist-XXXXXX)
  CLEAN_DATA=1
fi
export ItaBot__Storage__DataDirectory="$DATA"
unset ItaBot__Line__ChannelSecret ItaBot__Line__ChannelAccessToken || true

PID=
cleanup() {
  if [[ -n "$PID" ]]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  if [[ -n "${CLEAN_DATA:-}" ]]; then rm -rf "$DATA"; fi
}
trap cleanup EXIT

if [[ ! -f "$DATA/messaging.db" ]]; then
  echo "seeding $CASES cases into $DATA …" >&2
  dotnet "$DLL" seed --cases "$CASES" --fiscal-years 2566-2568 >&2
fi

suffix=$RANDOM$RANDOM
one_time() { sed -n 's/.*first sign-in): //p'; }
ADMIN_USER=bench-admin-$suffix
OFFICER_USER=bench-officer-$suffix
ADMIN_PW=$(dotnet "$DLL" staff add --user "$ADMIN_USER" --name "Bench admin" --role Admin | one_time)
OFFICER_PW=$(dotnet "$DLL" staff add --user "$OFFICER_USER" --name "Bench officer" --role CaseOfficer --department engineering | one_time)
[[ -n "$ADMIN_PW" && -n "$OFFICER_PW" ]] || { echo "staff add did not print a one-time password" >&2; exit 1; }

mkdir -p bench/out
ASPNETCORE_URLS="http://127.0.0.1:$PORT" Logging__LogLevel__Default=Warning dotnet "$DLL" >bench/out/itabot-case-list.log 2>&1 &
PID=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done

PORT=$PORT REQUESTS=$REQUESTS ADMIN_USER=$ADMIN_USER ADMIN_PW=$ADMIN_PW OFFICER_USER=$OFFICER_USER OFFICER_PW=$OFFICER_PW python3 - <<'PY'
import base64, hashlib, hmac, http.client, os, re, struct, time, urllib.parse

PORT = int(os.environ["PORT"]); N = int(os.environ["REQUESTS"])
NEW_PASSWORD = "bench-ยาวพอแล้ว-2568"

class Browser:
    def __init__(self):
        self.conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
        self.cookies = {}
    def request(self, method, path, fields=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items() if v)}
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.conn.request(method, path, body=body, headers=headers)
        r = self.conn.getresponse()
        data = r.read().decode("utf-8", "replace")
        for k, v in r.getheaders():
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return r.status, r.getheader("Location"), data
    def form(self, page_path, post_path, fields):
        _, _, page = self.request("GET", page_path)
        token = re.search(r'name="__af" value="([^"]+)"', page).group(1)
        return self.request("POST", post_path, dict(fields, __af=token))

def totp(secret):
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
    o = digest[-1] & 15
    return "%06d" % ((struct.unpack(">I", digest[o:o + 4])[0] & 0x7FFFFFFF) % 1_000_000)

def sign_in(user, password, admin):
    b = Browser()
    status, loc, _ = b.form("/staff/signin", "/staff/signin", {"user": user, "password": password})
    assert loc == "/staff/signin/password", (status, loc)
    status, loc, _ = b.form("/staff/signin/password", "/staff/signin/password", {"new": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    if admin:
        assert loc == "/staff/signin/enrol", (status, loc)
        _, _, page = b.request("GET", "/staff/signin/enrol")
        secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")
        enrolment = re.search(r'name="enrolment" value="([^"]+)"', page).group(1)
        token = re.search(r'name="__af" value="([^"]+)"', page).group(1)
        status, loc, _ = b.request("POST", "/staff/signin/enrol", {"code": totp(secret), "enrolment": enrolment, "__af": token})
    assert loc == "/staff", (status, loc)
    return b

def bench(b, label, path):
    rows = 0
    for _ in range(5):
        status, _, page = b.request("GET", path)
        assert status == 200, (path, status)
        rows = page.count("<tr><td><a href=")
    times = []
    for _ in range(N):
        t = time.perf_counter()
        status, _, page = b.request("GET", path)
        times.append((time.perf_counter() - t) * 1000)
        assert status == 200
    times.sort()
    p = lambda q: times[min(len(times) - 1, int(round(q * (len(times) - 1))))]
    print(f"{label:<58} rows {rows:>3}  p50 {p(0.5):7.1f} ms  p95 {p(0.95):7.1f} ms  max {times[-1]:7.1f} ms")

admin = sign_in(os.environ["ADMIN_USER"], os.environ["ADMIN_PW"], True)
officer = sign_in(os.environ["OFFICER_USER"], os.environ["OFFICER_PW"], False)
print(f"GET /staff/cases, {N} requests each after 5 warm-ups, one keep-alive connection")
bench(admin, "admin: first page, every department", "/staff/cases")
bench(admin, "admin: department=engineering & status=Completed", "/staff/cases?department=engineering&status=Completed")
bench(admin, "admin: department=engineering & status=InProgress", "/staff/cases?department=engineering&status=InProgress")
bench(admin, "admin: category=road & channel=Line", "/staff/cases?category=road&channel=Line")
bench(admin, "admin: page 20, every department", "/staff/cases?page=20")
bench(admin, "admin: overdue only", "/staff/cases?overdue=1")
bench(admin, "admin: number search \"42\" (every fiscal year)", "/staff/cases?number=42")
bench(officer, "officer (engineering): first page", "/staff/cases")
bench(officer, "officer (engineering): status=Completed", "/staff/cases?status=Completed")
PY
