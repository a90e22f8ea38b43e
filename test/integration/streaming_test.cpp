// Incremental body reads and server-sent events against the emulator over TLS: chunked bodies,
// connection reuse after a streamed body, abandoned streams, reconnection with Last-Event-ID,
// idle timeouts and cancellation.
#include "flowsdk/flowsdk.hpp"

#include "support/emulated.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>

#include <optional>

using namespace flowsdk;
using namespace std::chrono_literals;
namespace asio = boost::asio;
using emulator::fault;
using emulator::fault_kind;
using emulator::fault_rule;

namespace {

class Streaming : public flowsdk::test::emulated_test {
 protected:
  Streaming() : transport(io.get_executor(), options()) {}

  http::transport_options options() {
    http::transport_options o;
    o.tls.ca_pem = emu->ca_pem();
    o.retry.initial_backoff = 10ms;
    return o;
  }

  http::origin origin() { return http::base_url::parse(emu->base_url()).origin; }

  http::request get(std::string target) const { return http::request(http::verb::get, std::move(target)); }

  event_source events(std::string query, event_source_options o = {}) {
    o.reconnect_delay = 20ms;  // the emulator asks for retry_ms; tests pass a small one
    auto is_terminal = [](const server_sent_event& e) { return e.type == "done"; };
    return event_source(transport, origin(), get("/_emulator/v1/events?" + query), is_terminal, o);
  }

  // Every event until the end, as "type:id".
  std::vector<std::string> drain(event_source& s) {
    return run([](event_source& s) -> asio::awaitable<std::vector<std::string>> {
      std::vector<std::string> out;
      while (auto e = co_await s.next()) out.push_back(e->type + ":" + e->id);
      co_return out;
    }(s));
  }

  static std::vector<std::string> ticks_then_done(int count) {
    std::vector<std::string> out;
    for (int i = 1; i <= count; ++i) out.push_back("tick:" + std::to_string(i));
    out.push_back("done:" + std::to_string(count + 1));
    return out;
  }

  std::vector<std::string> recorded_last_event_ids() {
    std::vector<std::string> out;
    for (const auto& r : emu->recorded_requests()) {
      if (r.target.rfind("/_emulator/v1/events", 0) != 0) continue;
      std::string id;
      for (const auto& [k, v] : r.headers)
        if (k == "Last-Event-ID") id = v;
      out.push_back(id);
    }
    return out;
  }

  http::transport transport;
};

// What a chunk of /_emulator/v1/bytes holds at `offset`.
bool matches_pattern(std::string_view bytes, std::size_t offset) {
  for (std::size_t i = 0; i < bytes.size(); ++i)
    if (bytes[i] != static_cast<char>('a' + (offset + i) % 26)) return false;
  return true;
}

}  // namespace

TEST_F(Streaming, ReadsAChunkedBodyPieceByPieceAndReusesTheConnection) {
  struct outcome {
    std::size_t total = 0;
    int pieces = 0;
    bool pattern_ok = true;
    bool finished = false;
    std::size_t largest = 0;
    std::uint64_t counted = 0;
  };
  auto got = run([](http::transport t, http::origin to) -> asio::awaitable<outcome> {
    outcome o;
    http::response_stream s =
        co_await t.open(to, http::request(http::verb::get, "/_emulator/v1/bytes?size=1000000&chunk=7000"));
    for (;;) {
      std::string_view piece = co_await s.read_some();
      if (piece.empty()) break;
      o.pattern_ok = o.pattern_ok && matches_pattern(piece, o.total);
      o.largest = std::max(o.largest, piece.size());
      o.total += piece.size();
      ++o.pieces;
    }
    o.finished = s.finished();
    o.counted = s.bytes_read();
    co_return o;
  }(transport, origin()));
  EXPECT_EQ(got.total, 1000000u);
  EXPECT_EQ(got.counted, 1000000u);
  EXPECT_TRUE(got.pattern_ok);
  EXPECT_TRUE(got.finished);
  EXPECT_LE(got.largest, 16u * 1024);  // never more than one read buffer at a time

  // The connection went back to the pool at the end of the body and serves the next request.
  auto stats = transport.stats();
  EXPECT_EQ(stats.idle, 1u);
  run(transport.open(origin(), get("/_emulator/v1/bytes?size=10")));
  stats = transport.stats();
  EXPECT_EQ(stats.created, 1u);
  EXPECT_EQ(stats.reused, 1u);
}

TEST_F(Streaming, AnAbandonedStreamClosesItsConnectionInsteadOfReturningIt) {
  run([](http::transport t, http::origin to) -> asio::awaitable<void> {
    http::response_stream s = co_await t.open(to, http::request(http::verb::get, "/_emulator/v1/bytes?size=5000000"));
    std::string_view first = co_await s.read_some();
    EXPECT_FALSE(first.empty());
    EXPECT_EQ(t.stats().in_use, 1u);  // held by the stream
  }(transport, origin()));
  auto stats = transport.stats();
  EXPECT_EQ(stats.in_use, 0u);
  EXPECT_EQ(stats.idle, 0u);
  EXPECT_EQ(stats.open, 0u);
  // A fresh connection serves the next request.
  auto body = run([](http::transport t, http::origin to) -> asio::awaitable<std::string> {
    http::response_stream s = co_await t.open(to, http::request(http::verb::get, "/_emulator/v1/bytes?size=26"));
    co_return co_await s.read_all(100);
  }(transport, origin()));
  EXPECT_EQ(body, "abcdefghijklmnopqrstuvwxyz");
  EXPECT_EQ(transport.stats().created, 2u);
}

TEST_F(Streaming, AnErrorStatusOnOpeningIsThrownWithItsBody) {
  try {
    run(transport.open(origin(), get("/_emulator/v1/events?count=-1")));
    FAIL() << "expected unprocessable";
  } catch (const error& e) {
    EXPECT_EQ(e.code(), errc::unprocessable) << e.what();
    EXPECT_NE(e.details().body.find("invalid_parameter"), std::string::npos);
  }
  EXPECT_EQ(transport.stats().idle, 1u);  // the error body was read whole: the connection is reusable
}

TEST_F(Streaming, ReceivesEveryEventOfAStreamInOrder) {
  auto s = events("count=20&split=1&keepalive=1");
  EXPECT_EQ(drain(s), ticks_then_done(20));
  EXPECT_EQ(s.connections(), 1);
  EXPECT_EQ(s.last_event_id(), "21");
}

TEST_F(Streaming, ReconnectsWithLastEventIdWhenTheServerDropsTheStream) {
  emu->clear_recorded_requests();
  auto s = events("count=20&drop_after=6&split=1&retry_ms=15");
  EXPECT_EQ(drain(s), ticks_then_done(20));  // nothing lost, nothing twice
  EXPECT_EQ(s.connections(), 4);
  EXPECT_EQ(recorded_last_event_ids(), (std::vector<std::string>{"", "6", "12", "18"}));
}

TEST_F(Streaming, ResumesAfterATruncatedStream) {
  fault_rule r;
  r.path_prefix = "/_emulator/v1/events";
  r.what.kind = fault_kind::truncated_body;
  emu->inject(r);
  auto s = events("count=3&retry_ms=20");  // 20 ms, not the 3 s default, before reconnecting
  EXPECT_EQ(drain(s), ticks_then_done(3));
  EXPECT_EQ(s.connections(), 2);
}

TEST_F(Streaming, ASavedIdResumesTheStreamAndPastTheEndTheServerSays204) {
  event_source_options o;
  o.last_event_id = "3";
  auto rest = events("count=5", o);
  EXPECT_EQ(drain(rest), (std::vector<std::string>{"tick:4", "tick:5", "done:6"}));

  o.last_event_id = "6";
  auto none = events("count=5", o);
  EXPECT_TRUE(drain(none).empty());
  EXPECT_EQ(none.connections(), 1);
}

TEST_F(Streaming, AStreamThatFallsSilentTimesOutAndReconnects) {
  http::transport_options o = options();
  o.timeouts.read_idle = 150ms;
  http::transport quick(io.get_executor(), o);
  event_source_options so;
  so.reconnect_delay = 10ms;
  so.max_reconnects = 1;
  event_source s(
      quick, origin(), get("/_emulator/v1/events?count=2&interval_ms=2000&retry_ms=10"),
      [](const server_sent_event& e) { return e.type == "done"; }, so);
  try {
    drain(s);
    FAIL() << "expected a timeout";
  } catch (const error& e) {
    EXPECT_EQ(e.code(), errc::timeout) << e.what();
  }
  EXPECT_EQ(s.connections(), 2);  // the first connection and one reconnection
  EXPECT_EQ(quick.stats().open, 0u);
}

TEST_F(Streaming, CancellingAWaitForTheNextEventClosesTheConnection) {
  auto s = events("count=2&interval_ms=10000");
  asio::cancellation_signal cancel;
  std::exception_ptr outcome;
  bool done = false;
  asio::co_spawn(io, s.next(), asio::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr e, auto) {
                   outcome = e;
                   done = true;
                 }));
  asio::steady_timer t(io, 200ms);
  t.async_wait([&](auto) { cancel.emit(asio::cancellation_type::terminal); });
  io.restart();
  io.run_for(5s);
  ASSERT_TRUE(done);
  ASSERT_TRUE(outcome);
  try {
    std::rethrow_exception(outcome);
  } catch (const error& e) {
    EXPECT_EQ(e.code(), errc::cancelled);
  }
  EXPECT_TRUE(s.finished());
  EXPECT_EQ(transport.stats().open, 0u);
}

TEST_F(Streaming, AStreamOutlivesTheTransportThatOpenedIt) {
  auto body = run([](http::transport_options o, http::origin to) -> asio::awaitable<std::string> {
    std::optional<http::transport> t;
    t.emplace(co_await asio::this_coro::executor, o);
    http::response_stream s =
        co_await t->open(to, http::request(http::verb::get, "/_emulator/v1/bytes?size=100000&chunk=1000"));
    t.reset();  // the stream keeps its connection, and what the connection needs, alive
    co_return co_await s.read_all(1 << 20);
  }(options(), origin()));
  EXPECT_EQ(body.size(), 100000u);
  EXPECT_TRUE(matches_pattern(body, 0));
}

TEST_F(Streaming, TheIdleTimeoutCountsSilenceNotTheLengthOfTheStream) {
  http::transport_options o = options();
  o.timeouts.read_idle = 300ms;
  http::transport quick(io.get_executor(), o);
  event_source s(quick, origin(), get("/_emulator/v1/events?count=8&interval_ms=100"),
                 [](const server_sent_event& e) { return e.type == "done"; });
  EXPECT_EQ(drain(s), ticks_then_done(8));  // 900 ms in all, never 300 ms silent
  EXPECT_EQ(s.connections(), 1);
}

TEST_F(Streaming, AReusedConnectionStillTimesOutWhenItsNextStreamFallsSilent) {
  http::transport_options o = options();
  o.timeouts.read_idle = 150ms;
  http::transport quick(io.get_executor(), o);
  auto first = run([](http::transport t, http::origin to) -> asio::awaitable<std::string> {
    http::response_stream s = co_await t.open(to, http::request(http::verb::get, "/_emulator/v1/bytes?size=5"));
    co_return co_await s.read_all(100);
  }(quick, origin()));
  EXPECT_EQ(first, "abcde");
  try {
    run([](http::transport t, http::origin to) -> asio::awaitable<void> {
      http::response_stream s =
          co_await t.open(to, http::request(http::verb::get, "/_emulator/v1/events?interval_ms=5000"));
      for (;;) {
        if ((co_await s.read_some()).empty()) break;
      }
    }(quick, origin()));
    FAIL() << "expected a timeout";
  } catch (const error& e) {
    EXPECT_EQ(e.code(), errc::timeout) << e.what();
  }
  EXPECT_EQ(quick.stats().reused, 1u);
  EXPECT_EQ(quick.stats().open, 0u);
}

TEST_F(Streaming, ClosingTheSourceEndsAPendingNextAtOnce) {
  auto s = events("count=2&interval_ms=10000");
  std::optional<std::optional<server_sent_event>> outcome;
  asio::co_spawn(io, s.next(), [&](std::exception_ptr e, std::optional<server_sent_event> v) {
    EXPECT_FALSE(e);
    outcome = std::move(v);
  });
  asio::steady_timer t(io, 200ms);
  t.async_wait([&](auto) { s.close(); });
  const auto start = std::chrono::steady_clock::now();
  io.restart();
  io.run_for(5s);
  ASSERT_TRUE(outcome);
  EXPECT_FALSE(*outcome);  // ended, not failed
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  EXPECT_EQ(transport.stats().open, 0u);
}

TEST_F(Streaming, APerStreamIdleTimeoutOverridesTheTransports) {
  try {
    run([](http::transport t, http::origin to) -> asio::awaitable<void> {
      http::response_stream s =
          co_await t.open(to, http::request(http::verb::get, "/_emulator/v1/events?interval_ms=5000"));
      s.set_read_idle(150ms);  // the transport's is 60 s
      for (;;) {
        if ((co_await s.read_some()).empty()) break;
      }
    }(transport, origin()));
    FAIL() << "expected a timeout";
  } catch (const error& e) {
    EXPECT_EQ(e.code(), errc::timeout) << e.what();
  }
}
