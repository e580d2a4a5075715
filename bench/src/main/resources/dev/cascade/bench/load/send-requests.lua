-- wrk script: POSTs Cascade send requests (bench/run pipeline --load http, bench/run intake).
-- The same mix as dev.cascade.bench.pipeline.Mix: seed 001's WhatsApp -> RCS -> SMS chain; out of
-- every 20 messages 10 end delivered on WhatsApp (...4000), 6 on RCS (...1400), 3 on SMS (...1100),
-- 1 rejected everywhere (...1111). Settings come from the environment:
--   BENCH_PREFIX   messageId prefix, unique per run (ids are PREFIX-t<thread>-<n>)
--   BENCH_RATE     requests per second for the whole run; 0 or unset: as fast as wrk can
--   BENCH_THREADS  wrk's -t (each thread keeps BENCH_RATE / BENCH_THREADS)
--   BENCH_API_KEY  default dev-key
-- With a rate, each thread follows a fixed schedule (slot k at start + k / rate): a connection asks
-- delay() for the next slot and waits for it, so a slow answer does not lower the rate while another
-- connection is free. With every connection waiting on a slow answer, the rate does drop (wrk is
-- closed-loop per connection): give enough connections.
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clk_id, bench_timespec *tp);
]]
local clock = ffi.new("bench_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, clock) -- CLOCK_MONOTONIC
  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
end

local prefix = os.getenv("BENCH_PREFIX") or "wrk"
local rate = tonumber(os.getenv("BENCH_RATE") or "0")
local threads = tonumber(os.getenv("BENCH_THREADS") or "1")

wrk.method = "POST"
wrk.path = "/v1/messages"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Api-Key"] = os.getenv("BENCH_API_KEY") or "dev-key"

local body = [[{"messageId":"%s","to":"%s","steps":[
{"channel":"WHATSAPP","sender":"106540352242922","content":{"template":{"name":"txn_alert","language":"it","parameters":{"nome":"Giulia","importo":"1.250,00"}}},"fallback":{"on":["SEND_FAILED","UNDELIVERED"],"afterSeconds":60}},
{"channel":"RCS","sender":"banca-agent","content":{"richCard":{"title":"Suspicious transaction","description":"EUR 1.250,00 on 09/04"}},"fallback":{"on":["SEND_FAILED","UNDELIVERED"],"afterSeconds":300}},
{"channel":"SMS","sender":"BancaAdri","content":{"smsConversion":"AUTO"}}]}]]

local suffixes = {}
for slot = 0, 19 do
  if slot < 10 then suffixes[slot] = "4000"
  elseif slot < 16 then suffixes[slot] = "1400"
  elseif slot < 19 then suffixes[slot] = "1100"
  else suffixes[slot] = "1111" end
end

local next_thread = 0
function setup(thread)
  thread:set("tid", next_thread)
  next_thread = next_thread + 1
end

local sent = 0
local slots = 0
local start = nil
local interval = 0
if rate > 0 then
  interval = 1000 * threads / rate
  function delay()
    local now = now_ms()
    if start == nil then start = now end
    local due = start + slots * interval
    slots = slots + 1
    if due <= now then return 0 end
    return math.floor(due - now)
  end
end

function request()
  sent = sent + 1
  local id = string.format("%s-t%d-%d", prefix, tid, sent)
  local to = string.format("+39340%04d%s", sent % 10000, suffixes[sent % 20])
  return wrk.format(nil, nil, nil, string.format(body, id, to))
end

-- One machine-readable line for the harness (latencies in microseconds).
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d status_errors=%d connect_errors=%d read_errors=%d " ..
    "write_errors=%d timeouts=%d p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d\n",
    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.max))
end
