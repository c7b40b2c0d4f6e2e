-- wrk: GET each path listed in the file named by WRK_PATHS (one per line) once, in order, on one
-- connection (run with -t1 -c1), then stop (writes "all answered" to stderr: the caller then sends SIGINT);
-- headers given with -H (Authorization) go with every request.
--
-- Each request's latency is timed here, from the moment wrk asks for the request (just before it writes it)
-- to the moment wrk hands over the complete answer: the same interval wrk times itself and pgbench times a
-- transaction over. The latencies (microseconds, one per line, in the order of the paths) go to the file
-- named by WRK_LATENCIES. They are not wrk's own percentiles: after a run wrk "corrects" its histogram for
-- coordinated omission (stats_correct: every request slower than twice the mean interval adds made-up
-- samples at that latency minus one, two, ... intervals), which is right for a fixed request rate but
-- invents several slow samples for each slow tile of a sequential pass; pgbench adds none.
-- done() still prints wrk's corrected percentiles (microseconds) for comparison:
-- "latency_us count p50 p90 p99 mean max".
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } shikong_timespec;
int clock_gettime(int clock, shikong_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local timespec = ffi.new("shikong_timespec")
local function now_us()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, timespec)
  return tonumber(timespec.tv_sec) * 1000000 + tonumber(timespec.tv_nsec) / 1000
end

local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do
  if #line > 0 then paths[#paths + 1] = line end
end

-- the next path is the one after the last answered: wrk may ask for a request that it never sends (it checks
-- a dynamic request once at start), and asks again after the stop until it takes effect (the last path)
local answered = 0
local started = 0
local latencies = {}

function request()
  started = now_us()
  return wrk.format("GET", paths[math.min(answered + 1, #paths)])
end

function response(status, headers, body)
  local finished = now_us()
  if answered >= #paths then
    return -- asked again before the stop took effect
  end
  if status ~= 200 then
    io.stderr:write("status " .. status .. " for " .. paths[answered + 1] .. "\n")
    os.exit(1)
  end
  answered = answered + 1
  latencies[answered] = finished - started
  if answered == #paths then
    wrk.thread:stop()
    local out = os.getenv("WRK_LATENCIES")
    if out then
      local f = assert(io.open(out, "w"))
      for _, v in ipairs(latencies) do
        f:write(string.format("%.1f\n", v))
      end
      f:close()
    end
    -- wrk's main thread sleeps for the whole -d duration: the caller sends SIGINT on this line
    io.stderr:write("all answered\n")
    io.stderr:flush()
  end
end

function done(summary, latency, requests)
  io.write(string.format("latency_us %d %d %d %d %.1f %d\n", summary.requests, latency:percentile(50),
    latency:percentile(90), latency:percentile(99), latency.mean, latency.max))
end
