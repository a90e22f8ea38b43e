#include "common/diagnostic_routes.hpp"

#include <boost/json/object.hpp>

#include <memory>
#include <optional>

namespace flowsdk::emulator::detail {

namespace {

using std::chrono::milliseconds;

// An integer query parameter in [lo, hi]; `fallback` when absent; nullopt when malformed.
std::optional<long long> int_param(const query_params& q, std::string_view key, long long fallback, long long lo,
                                   long long hi) {
  auto v = q.get(key);
  if (!v) return fallback;
  const auto n = parse_integer(*v);
  if (!n || *n < lo || *n > hi) return std::nullopt;
  return n;
}

void invalid(reply& out, std::string_view message) {
  set_json(out.response, http::status::unprocessable_entity,
           json::object{{"code", "invalid_parameter"}, {"detail", message}});
}

// GET /_emulator/v1/events: `tick` events with ids 1..count, then a terminal `done` event with
// id count+1 and the end of the body. Resumes after Last-Event-ID (or ?after=); 204 once the
// client has seen `done`.
void serve_events(const http_request& req, const query_params& q, reply& out) {
  const auto count = int_param(q, "count", 5, 0, 10000000);
  const auto interval = int_param(q, "interval_ms", 0, 0, 60000);
  const auto drop_after = int_param(q, "drop_after", 0, 0, 100000);
  const auto retry = int_param(q, "retry_ms", 3000, 0, 600000);
  const auto split = int_param(q, "split", 0, 0, 1);
  const auto keepalive = int_param(q, "keepalive", 0, 0, 1);
  auto after = int_param(q, "after", 0, 0, 1000000);
  if (auto h = req.find("last-event-id"); h != req.end()) {
    // Last-Event-ID wins over ?after=, as in the 10ex proposal.
    after = parse_integer(h->value());
    if (after && *after < 0) after.reset();
  }
  if (!count || !interval || !drop_after || !retry || !split || !keepalive || !after)
    return invalid(out,
                   "count, interval_ms, drop_after, retry_ms, split, keepalive and after/Last-Event-ID "
                   "must be non-negative integers in range");
  const long long terminal = *count + 1;
  if (*after >= terminal) return set_empty(out.response, http::status::no_content);

  out.response.result(http::status::ok);
  out.response.set(http::field::content_type, "text/event-stream; charset=utf-8");
  out.response.set(http::field::cache_control, "no-cache");

  struct cursor {
    long long next_id = 1;
    long long sent_here = 0;  // events sent on this connection
    bool preamble_sent = false;
    std::string pending;  // the second half of a split event
  };
  auto c = std::make_shared<cursor>();
  c->next_id = *after + 1;
  out.stream = [c, terminal, interval = milliseconds(*interval), drop_after = *drop_after, retry = *retry,
                split = *split == 1, keepalive = *keepalive == 1]() -> stream_step {
    stream_step step;
    if (!c->preamble_sent) {
      c->preamble_sent = true;
      step.data = "retry: " + std::to_string(retry) + "\n\n";
      return step;
    }
    if (!c->pending.empty()) {
      step.delay = milliseconds(5);  // long enough for the halves to arrive apart
      step.data = std::move(c->pending);
      c->pending.clear();
      return step;
    }
    if (drop_after > 0 && c->sent_here == drop_after) {
      step.next = stream_step::then::drop;
      return step;
    }
    const long long id = c->next_id++;
    const bool last = id == terminal;
    step.delay = interval;
    if (keepalive) step.data = ": keepalive\n\n";
    step.data += "id: " + std::to_string(id) + "\nevent: " + (last ? "done" : "tick") +
                 "\ndata: {\"seq\":" + std::to_string(id) + "}\n\n";
    ++c->sent_here;
    if (split && !last) {
      const auto half = step.data.size() / 2;
      c->pending = step.data.substr(half);
      step.data.resize(half);
    }
    if (last) step.next = stream_step::then::end;
    return step;
  };
}

// GET /_emulator/v1/bytes: `size` bytes of a repeating a-z pattern in chunks of `chunk` bytes.
void serve_bytes(const query_params& q, reply& out) {
  const auto size = int_param(q, "size", 1024, 0, 1LL << 32);
  const auto chunk = int_param(q, "chunk", 16384, 1, 1 << 20);
  if (!size || !chunk) return invalid(out, "size and chunk must be integers in range");
  out.response.result(http::status::ok);
  out.response.set(http::field::content_type, "application/octet-stream");
  auto offset = std::make_shared<long long>(0);
  out.stream = [offset, size = *size, chunk = *chunk]() -> stream_step {
    stream_step step;
    const long long n = std::min(chunk, size - *offset);
    step.data.resize(static_cast<std::size_t>(n));
    for (long long i = 0; i < n; ++i)
      step.data[static_cast<std::size_t>(i)] = static_cast<char>('a' + (*offset + i) % 26);
    *offset += n;
    if (*offset == size) step.next = stream_step::then::end;
    return step;
  };
}

}  // namespace

bool handle_diagnostic_route(http_request& req, std::string_view path, std::string_view query, reply& out) {
  if (path != "/_emulator/v1/events" && path != "/_emulator/v1/bytes") return false;
  if (req.method() != http::verb::get) {
    set_json(out.response, http::status::method_not_allowed,
             json::object{{"code", "method_not_allowed"}, {"detail", "only GET"}});
    return true;
  }
  const query_params q(query);
  if (path == "/_emulator/v1/events")
    serve_events(req, q, out);
  else
    serve_bytes(q, out);
  return true;
}

}  // namespace flowsdk::emulator::detail
