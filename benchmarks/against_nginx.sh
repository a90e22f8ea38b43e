#!/usr/bin/env bash
# benchmarks/against_nginx.sh [--build DIR] [--quick] [--total N] [--rounds R]
#
# The client's cost measured against a server faster than it: nginx (1 worker, HTTPS keep-alive
# on a loopback port) serving fixed bodies (benchmarks/fixtures/, taken from the emulator), so
# that throughput ratios show the client, not the server. In one go, at 1, 8, 64 and 256
# connections: wrk, then run_lookups' raw Beast client and the SDK (alternating rounds, median),
# for Imbrace get_run and for Cloudflare instances().get; callgrind instructions per request of
# each client ((Ir at 6000 requests - Ir at 2000) / 4000, 8 connections); stream_read's download
# and server-sent events against static bodies. Prints one markdown table.
#
# Installs nothing (scripts/setup-deps.sh --bench does): needs nginx, wrk, openssl, python3;
# valgrind for the instruction counts (the rows say so when it is absent). DIR (default
# build/bench) is a build with the benchmarks (cmake --preset bench).
# --quick: a few hundred requests per client, one round, short wrk runs, no callgrind (CI smoke).
# --serve: only start nginx with the fixtures and print run_lookups command lines to profile with.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
build="$root/build/bench"
quick=0
serve=0
total=20000
rounds=3
while [ $# -gt 0 ]; do
  case "$1" in
    --build)
      build="$(cd "$2" && pwd)"
      shift 2
      ;;
    --quick)
      quick=1
      shift
      ;;
    --total)
      total="$2"
      shift 2
      ;;
    --rounds)
      rounds="$2"
      shift 2
      ;;
    --serve)
      serve=1
      shift
      ;;
    *)
      echo "usage: against_nginx.sh [--build DIR] [--quick] [--total N] [--rounds R] [--serve]" >&2
      exit 2
      ;;
  esac
done

bin="$build/benchmarks"
for tool in nginx wrk openssl python3 awk; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || {
    echo "against_nginx: $tool not found (scripts/setup-deps.sh --bench installs nginx and wrk)" >&2
    exit 1
  }
done
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
if [ ! -x "$bin/run_lookups" ] || [ ! -x "$bin/stream_read" ]; then
  echo "against_nginx: no benchmarks in $build (cmake --preset bench, then cmake --build)" >&2
  exit 1
fi
have_valgrind=0
command -v valgrind >/dev/null && have_valgrind=1

if [ "$quick" -eq 1 ]; then
  total=300
  rounds=1
  wrk_secs=1
  mib=4
  events=2000
else
  wrk_secs=5
  mib=64
  events=100000
fi
concurrencies=(1 8 64 256)

tmp="$(mktemp -d /tmp/flowsdk-nginx.XXXXXX)"
nginx_pid=""
# shellcheck disable=SC2317 # called by the trap
cleanup() {
  if [ -n "$nginx_pid" ]; then
    kill "$nginx_pid" 2>/dev/null || true
    wait "$nginx_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
chmod 755 "$tmp" # nginx's worker may run as another user

# ---- a throwaway CA and a server certificate for 127.0.0.1 and localhost ----------------------
(
  cd "$tmp"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout ca.key -out ca.pem -days 2 \
    -subj /CN=flowsdk-bench-ca -addext basicConstraints=critical,CA:TRUE \
    -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout server.key -out server.csr \
    -subj /CN=localhost 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >ext.cnf
  openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 \
    -extfile ext.cnf 2>/dev/null
)

# ---- bodies ------------------------------------------------------------------------------------
www="$tmp/www"
mkdir -p "$www"
cp "$here"/fixtures/*.json "$www/"
head -c $((mib * 1024 * 1024)) /dev/zero | tr '\0' 'a' >"$www/bytes.bin"
# The emulator's event stream shape: a retry preamble, `tick` events 1..N, then `done`.
awk -v n="$events" 'BEGIN {
  printf "retry: 3000\n\n";
  for (i = 1; i <= n; i++) printf "id: %d\nevent: tick\ndata: {\"seq\":%d}\n\n", i, i;
  printf "id: %d\nevent: done\ndata: {}\n\n", n + 1;
}' >"$www/events.sse"
chmod -R a+rX "$www"

run_id="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$www/imbrace_run.json")"
account=bench-account
workflow=echo-workflow
instance_id="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["result"]["id"])' \
  "$www/cloudflare_instance.json" 2>/dev/null || echo seed-1)"

# ---- nginx -------------------------------------------------------------------------------------
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
mkdir -p "$tmp/nginx/logs"
cat >"$tmp/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $tmp/nginx/body;
  proxy_temp_path $tmp/nginx/proxy;
  fastcgi_temp_path $tmp/nginx/fastcgi;
  uwsgi_temp_path $tmp/nginx/uwsgi;
  scgi_temp_path $tmp/nginx/scgi;
  types { application/json json; text/event-stream sse; application/octet-stream bin; }
  default_type application/json;
  keepalive_requests 1000000000;
  keepalive_timeout 600s;
  server {
    listen 127.0.0.1:$port ssl;
    ssl_certificate $tmp/server.pem;
    ssl_certificate_key $tmp/server.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    root $www;
    location ~ ^/activepieces/v1/flow-runs/[^/]+\$ { rewrite ^ /imbrace_run.json break; }
    location = /activepieces/v1/flow-runs { rewrite ^ /imbrace_runs_page.json break; }
    location ~ ^/client/v4/accounts/[^/]+/workflows/[^/]+/instances/[^/]+\$ {
      rewrite ^ /cloudflare_instance.json break;
    }
    location ~ ^/client/v4/accounts/[^/]+/workflows/[^/]+/instances\$ {
      rewrite ^ /cloudflare_instances_page.json break;
    }
    location = /_emulator/v1/bytes { rewrite ^ /bytes.bin break; }
    location = /_emulator/v1/events { add_header Cache-Control no-cache; rewrite ^ /events.sse break; }
    location / { return 404 '{"code":"ENTITY_NOT_FOUND","params":{}}'; }
  }
}
EOF
"$nginx_bin" -p "$tmp/nginx" -e "$tmp/nginx/logs/error.log" -c "$tmp/nginx.conf" &
nginx_pid=$!
url="https://127.0.0.1:$port"
for _ in $(seq 50); do
  python3 -c 'import socket,sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2)' "$port" 2>/dev/null &&
    break
  sleep 0.1
done
kill -0 "$nginx_pid" 2>/dev/null || {
  cat "$tmp/nginx/logs/error.log" >&2
  exit 1
}
echo "against_nginx: nginx $("$nginx_bin" -v 2>&1 | sed 's/.*\///') at $url, run $run_id, instance $instance_id" >&2

imbrace_path="/activepieces/v1/flow-runs/$run_id"
cloudflare_path="/client/v4/accounts/$account/workflows/$workflow/instances/$instance_id"
imbrace_args=(--vendor imbrace --run-id "$run_id")
cloudflare_args=(--vendor cloudflare --account "$account" --workflow "$workflow" --instance-id "$instance_id")

if [ "$serve" -eq 1 ]; then
  # For profiling by hand: the same server, until interrupted.
  cp "$tmp/ca.pem" "${TMPDIR:-/tmp}/flowsdk-nginx-ca.pem"
  echo "serving; for example:"
  echo "  $bin/run_lookups --base-url $url --ca-file ${TMPDIR:-/tmp}/flowsdk-nginx-ca.pem ${imbrace_args[*]} --only sdk"
  echo "  $bin/run_lookups --base-url $url --ca-file ${TMPDIR:-/tmp}/flowsdk-nginx-ca.pem ${cloudflare_args[*]} --only sdk"
  wait "$nginx_pid"
  exit 0
fi

# key=value from a run_lookups "result:" line
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "–"; else printf "%.2f", a / b }'; }
fixed() { awk -v a="$1" -v d="$2" 'BEGIN { if (a == "") print "–"; else printf "%.*f", d, a }'; }
kilo() { awk -v a="$1" 'BEGIN { if (a == "") print "–"; else printf "%.1f k", a / 1000 }'; }

wrk_rate() { # connections path header
  local c="$1" path="$2" header="$3"
  wrk -t1 -c"$c" -d"${wrk_secs}s" -H "$header" "$url$path" 2>/dev/null | awk '/^Requests\/sec:/ { printf "%d", $2 }'
}

# callgrind Ir of one client at n requests
instructions() { # vendor-args... -- who n
  local who n out
  n="${*: -1}"
  who="${*: -2:1}"
  out="$tmp/cg.$who.$n.$RANDOM"
  valgrind --tool=callgrind --callgrind-out-file="$out" "$bin/run_lookups" --base-url "$url" --ca-file "$tmp/ca.pem" \
    "${@:1:$#-2}" --total "$n" --concurrency 8 --only "$who" >/dev/null 2>&1
  awk '/^summary:/ { print $2 }' "$out"
}

rows=()
row() {
  local s
  s="$(printf '%s | ' "$@")"
  rows+=("| ${s% | } |")
}

measure_vendor() { # label path header args...
  local label="$1" path="$2" header="$3"
  shift 3
  local c line raw sdk w allocs_raw="" allocs_sdk="" lat=""
  for c in "${concurrencies[@]}"; do
    w="$(wrk_rate "$c" "$path" "$header")"
    line="$("$bin/run_lookups" --base-url "$url" --ca-file "$tmp/ca.pem" "$@" --total "$total" --concurrency "$c" \
      --rounds "$rounds" | grep '^result:')"
    raw="$(field raw_rps "$line")"
    sdk="$(field sdk_rps "$line")"
    row "$label" "req/s, $c connection$([ "$c" -gt 1 ] && echo s)" "$raw" "$sdk" "$w" "$(fixed "$(field ratio "$line")" 2)" \
      "$(ratio "$sdk" "$w")"
    [ "$c" -eq 1 ] && lat="$line"
    if [ "$c" -eq 8 ]; then
      allocs_raw="$(field raw_allocs "$line")"
      allocs_sdk="$(field sdk_allocs "$line")"
    fi
  done
  if [ "$quick" -eq 0 ] && [ "$have_valgrind" -eq 1 ]; then
    local r1 r2 s1 s2 ir_raw ir_sdk
    r1="$(instructions "$@" raw 2000)"
    r2="$(instructions "$@" raw 6000)"
    s1="$(instructions "$@" sdk 2000)"
    s2="$(instructions "$@" sdk 6000)"
    ir_raw=$(((r2 - r1) / 4000))
    ir_sdk=$(((s2 - s1) / 4000))
    row "$label" "instructions/request (callgrind, 8 connections)" "$(kilo "$ir_raw")" "$(kilo "$ir_sdk")" "" \
      "$(ratio "$ir_sdk" "$ir_raw")" ""
  else
    row "$label" "instructions/request" "not measured ($([ "$quick" -eq 1 ] && echo --quick || echo no valgrind))" "" \
      "" "" ""
  fi
  row "$label" "allocations/request (8 connections)" "$(fixed "$allocs_raw" 1)" "$(fixed "$allocs_sdk" 1)" "" \
    "$(ratio "$allocs_sdk" "$allocs_raw")" ""
  local p
  for p in 50 99; do
    row "$label" "p$p latency µs (1 connection)" "$(fixed "$(field raw_p${p}_us "$lat")" 1)" \
      "$(fixed "$(field sdk_p${p}_us "$lat")" 1)" "" "$(ratio "$(field sdk_p${p}_us "$lat")" "$(field raw_p${p}_us "$lat")")" ""
  done
}

measure_vendor "Imbrace get_run" "$imbrace_path" "x-api-key: api_emulator_key" "${imbrace_args[@]}"
measure_vendor "Cloudflare instances().get" "$cloudflare_path" "Authorization: Bearer cf_emulator_token" \
  "${cloudflare_args[@]}"

# stream_read: medians of its per-round ratios (rate: 1.0 = as fast; CPU: 1.0 = as cheap)
stream_line="$("$bin/stream_read" --base-url "$url" --ca-file "$tmp/ca.pem" --rounds "$([ "$quick" -eq 1 ] && echo 1 || echo 5)" |
  grep '^median')"
sfield() { sed -n "s/.*$1 \([0-9.]*\).*/\1/p" <<<"$2"; }
download="${stream_line%%;*}"
sse="${stream_line#*;}"
row "stream_read" "download $mib MiB: rate, client CPU (flowsdk/raw)" "" "" "" \
  "$(sfield "rate" "$download"), CPU $(sfield "CPU" "$download")" ""
row "stream_read" "SSE $events events: rate, client CPU (flowsdk/raw)" "" "" "" \
  "$(sfield "rate" "$sse"), CPU $(sfield "CPU" "$sse")" ""

echo
echo "| vendor | measure | raw Beast | flowsdk | wrk | flowsdk/raw | flowsdk/wrk |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
[ "$quick" -eq 1 ] && echo && echo "(--quick: $total requests per client, one round: a smoke run, not a measurement)"
exit 0
