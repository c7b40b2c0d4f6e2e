-- wrk: GET the paths listed in the file named by WRK_PATHS (one per line) in turn, each thread starting
-- at its own place in the list; headers given with -H (Authorization) are sent with every request.
local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do
  if #line > 0 then paths[#paths + 1] = line end
end

local threads = 0
function setup(thread)
  thread:set("start", threads)
  threads = threads + 1
end

local i = 0
function init(args)
  i = ((start or 0) * 7919) % #paths
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
