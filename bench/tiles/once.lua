-- wrk: GET each path listed in the file named by WRK_PATHS (one per line) once, in order, on one
-- connection (run with -t1 -c1), then stop (writes "all answered" to stderr: the caller then sends SIGINT); headers given with -H (Authorization) go with every request.
-- done() prints the latency percentiles of those requests (microseconds) for bench/tiles_bench.py:
-- "latency_us count p50 p90 p99 mean max". wrk, like pgbench, times a request from the moment it is written
-- to the last byte of the answer, with a client that costs next to nothing per request.
local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do
  if #line > 0 then paths[#paths + 1] = line end
end

local i = 0
function request()
  i = i + 1
  if i > #paths then
    i = #paths -- asked again before the stop took effect: the last path, cached by now
  end
  return wrk.format("GET", paths[i])
end

local seen = 0
function response(status, headers, body)
  if status ~= 200 then
    io.stderr:write("status " .. status .. " for " .. paths[math.min(i, #paths)] .. "\n")
    os.exit(1)
  end
  seen = seen + 1
  if seen == #paths then
    wrk.thread:stop()
    -- wrk's main thread sleeps for the whole -d duration: the caller sends SIGINT on this line
    io.stderr:write("all answered\n")
    io.stderr:flush()
  end
end

function done(summary, latency, requests)
  io.write(string.format("latency_us %d %d %d %d %.1f %d\n", summary.requests, latency:percentile(50),
    latency:percentile(90), latency:percentile(99), latency.mean, latency.max))
end
