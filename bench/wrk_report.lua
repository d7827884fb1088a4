-- wrk script for `make bench`: the request comes from the environment, the result goes out
-- as one JSON line (latencies in microseconds).
--   BENCH_METHOD (GET), BENCH_BODY (none), BENCH_TOKEN (X-Auth-Token, none),
--   BENCH_PATHS (a file of paths, one per line: each request takes the next, each thread
--   starting elsewhere in the list, so that concurrent requests name different resources)
wrk.method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY")
if body and body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end
local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then wrk.headers["X-Auth-Token"] = token end

local paths = {}
local path_file = os.getenv("BENCH_PATHS")
if path_file and path_file ~= "" then
  for line in io.lines(path_file) do paths[#paths + 1] = line end
end

local thread_count = 0
function setup(thread)
  thread:set("thread_number", thread_count)
  thread_count = thread_count + 1
end

local next_path = 0
function init(args)
  next_path = (thread_number or 0) * 37
end

if #paths > 0 then
  function request()
    next_path = next_path + 1
    return wrk.format(nil, paths[(next_path % #paths) + 1])
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "rps": %.1f, "p50_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "non_2xx": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99), latency.max, e.status,
    e.connect + e.read + e.write + e.timeout))
end
