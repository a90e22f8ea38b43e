// Fuzz target: flowsdk::sse_parser (src/core/sse_parser.cpp), the whole input being one
// text/event-stream body.
//
// Invariants (include/flowsdk/core/sse_parser.hpp, WHATWG HTML "Server-sent events"):
//  1. Split independence: feeding the body in chunks (sizes chosen from the input's hash, from one
//     byte at a time to a few kilobytes) gives the same events, last event id and retry time as
//     feeding it at once, and fails at the same place (the events queued before are equal).
//  2. feed() throws nothing but flowsdk::error(errc::body_too_large), and never when the limit is
//     at least the size of the body.
//  3. Every event: data holds no CR (lines end at CR, LF or CRLF and data lines join with LF) and
//     is shorter than the limit; type is never empty ("message" without an event field) and holds
//     no CR or LF; id holds no CR, LF or NUL. last_event_id() likewise; retry() is within 24 h.
//  4. After discard_partial(), the same body fed again yields the same event data and types and
//     ends with the same last event id and retry time.

#include "fuzz_check.hpp"

#include "flowsdk/core/error.hpp"
#include "flowsdk/core/sse_parser.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using flowsdk::server_sent_event;
using flowsdk::sse_parser;

struct outcome {
  std::vector<server_sent_event> events;
  bool too_large = false;
};

void drain(sse_parser& p, outcome& out) {
  while (auto e = p.next_event()) out.events.push_back(std::move(*e));
}

// Feeds `chunks` in order, collecting events; stops at the first (expected) error.
template <class Chunks>
outcome run(sse_parser& p, Chunks&& chunks) {
  outcome out;
  try {
    chunks([&](std::string_view piece) {
      p.feed(piece);
      drain(p, out);
    });
  } catch (const flowsdk::error& e) {
    FUZZ_CHECK(e.code() == flowsdk::errc::body_too_large);
    out.too_large = true;
    drain(p, out);
  }
  return out;
}

bool same_event(const server_sent_event& a, const server_sent_event& b) {
  return a.type == b.type && a.data == b.data && a.id == b.id;
}

bool clean_id(std::string_view id) { return id.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos; }

void check_event(const server_sent_event& e, std::size_t limit) {
  FUZZ_CHECK(e.data.find('\r') == std::string::npos);
  FUZZ_CHECK(e.data.size() <= limit);
  FUZZ_CHECK(!e.type.empty());
  FUZZ_CHECK(e.type.find_first_of("\r\n") == std::string::npos);
  FUZZ_CHECK(clean_id(e.id));
}

void check_state(const sse_parser& p) {
  FUZZ_CHECK(clean_id(p.last_event_id()));
  if (const auto r = p.retry()) FUZZ_CHECK(r->count() >= 0 && *r <= std::chrono::hours(24));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  flowsdk::fuzz::choices pick(flowsdk::fuzz::hash(body));
  // Mostly the default limit; sometimes one small enough for the input to reach it.
  const std::size_t limit = pick.below(4) == 0 ? 1 + pick.below(size + 16) : 1024 * 1024;
  const std::size_t max_chunk = std::size_t{1} << pick.below(12);  // 1 byte .. 2 KiB

  sse_parser whole(limit);
  const outcome at_once = run(whole, [&](auto feed) { feed(body); });

  sse_parser split(limit);
  const outcome in_chunks = run(split, [&](auto feed) {
    for (std::string_view rest = body; !rest.empty();) {
      const std::size_t n = std::min(rest.size(), 1 + pick.below(max_chunk));
      feed(rest.substr(0, n));
      rest.remove_prefix(n);
    }
  });

  FUZZ_CHECK(at_once.too_large == in_chunks.too_large);
  FUZZ_CHECK(!at_once.too_large || limit < size);
  FUZZ_CHECK(at_once.events.size() == in_chunks.events.size());
  for (std::size_t i = 0; i < at_once.events.size(); ++i) {
    FUZZ_CHECK(same_event(at_once.events[i], in_chunks.events[i]));
    check_event(at_once.events[i], limit);
  }
  check_state(whole);
  check_state(split);
  if (at_once.too_large) return 0;  // the parser's state after a throw is not specified
  FUZZ_CHECK(whole.last_event_id() == split.last_event_id());
  FUZZ_CHECK(whole.retry() == split.retry());

  // A reconnection replaying the same stream: the ids of events before the stream's first id
  // field now carry the kept last event id, so only data and types are compared.
  const std::string last_id = whole.last_event_id();
  const auto retry = whole.retry();
  whole.discard_partial();
  const outcome again = run(whole, [&](auto feed) { feed(body); });
  FUZZ_CHECK(!again.too_large);
  FUZZ_CHECK(again.events.size() == at_once.events.size());
  for (std::size_t i = 0; i < again.events.size(); ++i) {
    FUZZ_CHECK(again.events[i].data == at_once.events[i].data);
    FUZZ_CHECK(again.events[i].type == at_once.events[i].type);
  }
  FUZZ_CHECK(whole.last_event_id() == last_id);
  FUZZ_CHECK(whole.retry() == retry);
  return 0;
}
