-- wrk script: posts pre-signed sandbox callbacks from CALLBACKS (one JSON per line), each once.
-- Each wrk thread takes every n-th line, so no callback is sent twice.
local cjson_ok, cjson = pcall(require, "cjson")
local requests = {}
local index = 0

local function decode(line)
  -- Lines are {"headers": {...}, "body": "..."}; wrk's LuaJIT has no JSON parser, so use a tiny one.
  local headers = {}
  local headers_text = line:match('"headers": (%b{})')
  for name, value in headers_text:gmatch('"([^"]+)": "([^"]*)"') do headers[name] = value end
  local body = line:match('"body": "(.*)"}$')
  body = body:gsub('\\"', '"'):gsub('\\\\', '\\')
  return headers, body
end

local thread_counter = 0
function setup(thread)
  thread:set("thread_id", thread_counter)
  thread_counter = thread_counter + 1
end

function init(args)
  local path = os.getenv("CALLBACKS")
  local threads = tonumber(os.getenv("THREADS") or "1")
  local n = 0
  for line in io.lines(path) do
    if n % threads == thread_id then
      local headers, body = decode(line)
      requests[#requests + 1] = wrk.format("POST", "/callbacks/sandbox", headers, body)
    end
    n = n + 1
  end
end

function request()
  index = index + 1
  if index > #requests then
    -- Out of fresh callbacks: resend the last one; the receiver answers it as a duplicate.
    index = #requests
  end
  return requests[index]
end
