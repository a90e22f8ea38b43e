// The transport against a server that misbehaves on purpose (test/support/hostile_server.hpp):
// every case must end in its documented flowsdk::error (docs/errors.md) within its deadline,
// with the pool clean after. The emulator's faults (stall, reset, truncated body, malformed
// JSON) are covered in transport_test.cpp; this suite covers what only a raw socket can do.
// The cases and how to add one: docs/testing.md, "Hostile-server suite".
#include "flowsdk/flowsdk.hpp"

#include "support/hostile_server.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <optional>
#include <string>

using namespace flowsdk;
using namespace std::chrono_literals;
using namespace std::string_literals;
namespace asio = boost::asio;
using flowsdk::test::hostile_peer;
using flowsdk::test::hostile_script;
using flowsdk::test::hostile_server;
using peer_ptr = std::shared_ptr<hostile_peer>;

namespace {

using steady_clock = std::chrono::steady_clock;

// No case may take this long: past it the call is reported as hung, not awaited.
constexpr auto hang_limit = 30s;

// ---- scripts ---------------------------------------------------------------------------------

// Each script is a plain coroutine over its own copies (docs/coroutine-hazards.md), wrapped in
// a lambda that only calls it: a coroutine lambda's captures would live in the closure, not in
// the coroutine frame.

// Answers every request with `bytes`; the client's parser, not a close, ends the exchange.
asio::awaitable<void> answer_each(peer_ptr p, std::string bytes) {
  for (;;) {
    const bool asked = co_await p->read_request();
    if (!asked) co_return;
    const bool sent = co_await p->write(bytes);
    if (!sent) co_return;
  }
}
hostile_script answer(std::string bytes) {
  return [bytes](peer_ptr p) { return answer_each(std::move(p), bytes); };
}

// Answers once, then reads until the client gives up: a response that never ends.
asio::awaitable<void> answer_once_and_hold(peer_ptr p, std::string bytes) {
  const bool asked = co_await p->read_request();
  if (!asked) co_return;
  const bool sent = co_await p->write(bytes);
  if (sent) co_await p->hold();
}
hostile_script answer_then_hold(std::string bytes) {
  return [bytes](peer_ptr p) { return answer_once_and_hold(std::move(p), bytes); };
}

asio::awaitable<void> answer_once_and_reset(peer_ptr p, std::string bytes) {
  const bool asked = co_await p->read_request();
  if (!asked) co_return;
  const bool sent = co_await p->write(bytes);
  if (sent) p->reset();
}
hostile_script answer_then_reset(std::string bytes) {
  return [bytes](peer_ptr p) { return answer_once_and_reset(std::move(p), bytes); };
}

asio::awaitable<void> dribble_once(peer_ptr p, std::string bytes, std::chrono::milliseconds gap) {
  const bool asked = co_await p->read_request();
  if (asked) co_await p->dribble(bytes, gap);
}
hostile_script dribble(std::string bytes, std::chrono::milliseconds gap) {
  return [bytes, gap](peer_ptr p) { return dribble_once(std::move(p), bytes, gap); };
}

// A chunked 200 of `total` bytes in 64 KiB chunks, then the last chunk.
asio::awaitable<void> chunked_once(peer_ptr p, std::size_t total) {
  const std::string head =
      "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
  const std::string last_chunk = "0\r\n\r\n";
  const bool asked = co_await p->read_request();
  if (!asked) co_return;
  bool sent = co_await p->write(head);
  if (sent) sent = co_await p->write_chunks(total, 64 * 1024);
  if (sent) sent = co_await p->write(last_chunk);
  if (sent) co_await p->hold();
}
hostile_script chunked(std::size_t total) {
  return [total](peer_ptr p) { return chunked_once(std::move(p), total); };
}

std::string head(std::string status_line, std::string fields) { return status_line + "\r\n" + fields + "\r\n"; }

std::string many_headers(int count) {
  std::string fields;
  for (int i = 0; i < count; ++i) fields += "X-Flood-" + std::to_string(i) + ": 1\r\n";
  return fields;
}

// ---- the client side -------------------------------------------------------------------------

struct outcome {
  std::optional<http::response> response;
  std::optional<flowsdk::error> failure;
  steady_clock::duration elapsed{};
  http::pool_stats stats;
  bool hung = false;
};

// Runs `call` on `io` for at most hang_limit; a flowsdk::error is the outcome, anything else
// thrown fails the test.
template <class T>
void run_bounded(asio::io_context& io, asio::awaitable<T> call, outcome& out) {
  std::exception_ptr thrown;
  bool done = false;
  auto on_done = [&](std::exception_ptr e, T value) {
    thrown = e;
    done = true;
    io.stop();  // the server may share io (a forked child) and keep it busy
    if constexpr (std::is_same_v<T, http::response>) {
      if (!e) out.response = std::move(value);
    }
  };
  const auto start = steady_clock::now();
  asio::co_spawn(io, std::move(call), on_done);
  io.run_for(hang_limit);
  out.elapsed = steady_clock::now() - start;
  out.hung = !done;
  if (!thrown) return;
  try {
    std::rethrow_exception(thrown);
  } catch (const flowsdk::error& e) {
    out.failure = e;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "not a flowsdk::error: " << e.what();
  }
}

// Options every case starts from: quick retries so that retried cases stay fast.
http::transport_options quick_options() {
  http::transport_options o;
  o.retry.initial_backoff = 1ms;
  o.retry.max_backoff = 5ms;
  o.timeouts.attempt = 10s;
  return o;
}

outcome get_through_transport(const hostile_server& server, http::transport_options options,
                              request_options per_call = {}) {
  outcome out;
  asio::io_context io;
  {
    http::transport t(io.get_executor(), std::move(options));
    run_bounded(io, t.send(server.origin(), http::request(http::verb::get, "/hostile"), per_call), out);
    out.stats = t.stats();
  }
  io.restart();
  io.poll();  // let the closed connection's pending handlers finish before io goes
  return out;
}

// ---- the table -------------------------------------------------------------------------------

struct hostile_case {
  const char* name;
  hostile_script server;
  errc expected;
  int attempts;                            ///< error_details::attempts
  unsigned http_status = 0;                ///< error_details::http_status
  const char* cause_has = "";              ///< a phrase error_details::cause must contain
  bool connection_kept = false;            ///< a whole response was read: the connection stays pooled
  std::chrono::milliseconds within = 10s;  ///< the call ends sooner than this
  std::function<void(http::transport_options&, request_options&)> tune = nullptr;
};

void PrintTo(const hostile_case& c, std::ostream* os) { *os << c.name; }

const std::string ok_chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n";

std::vector<hostile_case> exchange_cases() {
  return {
      {.name = "NotHttpAtAll",
       .server = answer("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n\r\n"),
       .expected = errc::protocol_error,
       .attempts = 1},
      {.name = "GarbageStatusCode",
       .server = answer(head("HTTP/1.1 2x0 OK", "Content-Length: 0\r\n")),
       .expected = errc::protocol_error,
       .attempts = 1},
      {.name = "OneMiBHeader",
       .server = answer_then_hold(head("HTTP/1.1 200 OK", "X-Big: " + std::string(1 << 20, 'a') + "\r\n")),
       .expected = errc::protocol_error,
       .attempts = 1,
       .cause_has = "header limit"},
      {.name = "TwentyThousandHeaders",
       .server = answer_then_hold(head("HTTP/1.1 200 OK", many_headers(20'000))),
       .expected = errc::protocol_error,
       .attempts = 1,
       .cause_has = "header limit"},
      {.name = "NulInAHeaderValue",
       .server = answer(head("HTTP/1.1 200 OK", "X-Nul: a\0b\r\nContent-Length: 0\r\n"s)),
       .expected = errc::protocol_error,
       .attempts = 1},
      {.name = "SpaceInAHeaderName",
       .server = answer(head("HTTP/1.1 200 OK", "Bad Name: x\r\nContent-Length: 0\r\n")),
       .expected = errc::protocol_error,
       .attempts = 1},
      {.name = "TwoDifferentContentLengths",
       .server = answer(head("HTTP/1.1 200 OK", "Content-Length: 2\r\nContent-Length: 3\r\n") + "abc"),
       .expected = errc::protocol_error,
       .attempts = 1},
      {.name = "ContentLengthWithChunked",
       .server = answer(ok_chunked + "Content-Length: 3\r\n\r\n3\r\nabc\r\n0\r\n\r\n"),
       .expected = errc::protocol_error,
       .attempts = 1},
      {.name = "BadChunkSize",
       .server = answer_then_hold(ok_chunked + "\r\nzz\r\nabc\r\n"),
       .expected = errc::protocol_error,
       .attempts = 1},
      {.name = "ChunkSizeOverflowing64Bits",
       .server = answer_then_hold(ok_chunked + "\r\n1ffffffffffffffff\r\nabc\r\n"),
       .expected = errc::protocol_error,
       .attempts = 1},
      {.name = "ResetMidBody",  // RST after part of the body; a GET is retried
       .server = answer_then_reset(head("HTTP/1.1 200 OK", "Content-Length: 100\r\n") + "partial"),
       .expected = errc::connection_lost,
       .attempts = 3},
      {.name = "InformationalOnly",  // a 1xx is a whole response, not a success
       .server = answer(head("HTTP/1.1 100 Continue", "")),
       .expected = errc::unexpected_status,
       .attempts = 1,
       .http_status = 100,
       .connection_kept = true},
      {.name = "RedirectIsNotFollowed",  // docs/errors.md: 3xx is unexpected_status
       .server = answer(head("HTTP/1.1 301 Moved Permanently", "Location: /elsewhere\r\nContent-Length: 0\r\n")),
       .expected = errc::unexpected_status,
       .attempts = 1,
       .http_status = 301,
       .connection_kept = true},
      {.name = "ContentLengthPastTheBodyLimit",  // refused from the header: the body never comes
       .server = answer_then_hold(head("HTTP/1.1 200 OK", "Content-Length: 1073741824\r\n")),
       .expected = errc::body_too_large,
       .attempts = 1,
       .within = 5s,
       .tune = [](http::transport_options& o, request_options&) { o.max_body_bytes = 1 << 20; }},
      {.name = "ChunkedBodyPastTheBodyLimit",
       .server = chunked(8 << 20),
       .expected = errc::body_too_large,
       .attempts = 1,
       .tune = [](http::transport_options& o, request_options&) { o.max_body_bytes = 1 << 20; }},
      {.name = "DribbleOutlastsTheCallDeadline",  // alive, one byte per 20 ms: the 500 ms deadline holds
       .server = dribble(head("HTTP/1.1 200 OK", "Content-Length: 1000\r\n") + std::string(1000, 'x'), 20ms),
       .expected = errc::timeout,
       .attempts = 1,
       .within = 5s,
       .tune =
           [](http::transport_options& o, request_options& r) {
             o.timeouts.attempt = 20s;
             r.timeout = 500ms;
           }},
  };
}

class HostileExchange : public ::testing::TestWithParam<hostile_case> {};

TEST_P(HostileExchange, EndsInTheDocumentedError) {
  const hostile_case& c = GetParam();
  hostile_server server(c.server);
  auto options = quick_options();
  request_options per_call;
  if (c.tune) c.tune(options, per_call);

  const outcome out = get_through_transport(server, options, per_call);

  ASSERT_FALSE(out.hung) << "no outcome within " << hang_limit.count() << " s";
  ASSERT_TRUE(out.failure) << "succeeded with status " << out.response->status;
  const auto& e = *out.failure;
  EXPECT_EQ(e.code(), c.expected) << e.what();
  EXPECT_EQ(e.details().attempts, c.attempts) << e.what();
  EXPECT_EQ(e.details().http_status, c.http_status) << e.what();
  EXPECT_EQ(server.requests(), c.attempts) << "requests the server read";
  if (c.http_status == 0) {
    EXPECT_FALSE(e.details().cause.empty()) << e.what();
  }
  EXPECT_NE(e.details().cause.find(c.cause_has), std::string::npos) << e.details().cause;
  EXPECT_LT(out.elapsed, c.within);

  EXPECT_EQ(out.stats.in_use, 0u);
  EXPECT_EQ(out.stats.waiting, 0u);
  EXPECT_EQ(out.stats.open, c.connection_kept ? 1u : 0u);
  EXPECT_EQ(out.stats.idle, out.stats.open);
}

INSTANTIATE_TEST_SUITE_P(Hostile, HostileExchange, ::testing::ValuesIn(exchange_cases()),
                         [](const auto& info) { return std::string(info.param.name); });

// A server that never reads: the request's write fills the socket buffers and waits, and the
// call's deadline must end it there, before any response byte.
asio::awaitable<void> read_nothing(peer_ptr p) { co_await p->read_nothing_for(60s); }

TEST(HostileWrite, AServerThatNeverReadsTimesOutTheWriteAtTheDeadline) {
  hostile_server server([](peer_ptr p) { return read_nothing(std::move(p)); });
  outcome out;
  asio::io_context io;
  {
    auto options = quick_options();
    options.timeouts.attempt = 20s;
    http::transport t(io.get_executor(), std::move(options));
    http::request req(http::verb::post, "/hostile");
    req.content_type = "application/octet-stream";
    req.body.assign(64 << 20, 'x');  // far past what loopback socket buffers hold
    request_options per_call;
    per_call.timeout = 500ms;
    run_bounded(io, t.send(server.origin(), std::move(req), per_call), out);
    out.stats = t.stats();
  }
  io.restart();
  io.poll();
  ASSERT_FALSE(out.hung);
  ASSERT_TRUE(out.failure) << "succeeded with status " << out.response->status;
  EXPECT_EQ(out.failure->code(), errc::timeout) << out.failure->what();
  EXPECT_EQ(out.failure->details().attempts, 1) << out.failure->what();  // a POST is not resent
  EXPECT_NE(out.failure->details().cause.find("not written"), std::string::npos) << out.failure->details().cause;
  EXPECT_EQ(server.requests(), 0);
  EXPECT_LT(out.elapsed, 5s);
  EXPECT_EQ(out.stats.open, 0u);  // the connection went with its exchange
}

// ---- odd but valid headers: handled, not failed ----------------------------------------------

TEST(HostileHeaders, AnObsFoldedValueArrivesWithoutItsLineBreak) {
  hostile_server server(answer(head("HTTP/1.1 200 OK", "X-Folded: first\r\n  second\r\nContent-Length: 2\r\n") + "ok"));
  const outcome out = get_through_transport(server, quick_options());
  ASSERT_TRUE(out.response) << (out.failure ? out.failure->what() : "hung");
  const auto folded = out.response->header("x-folded");
  EXPECT_NE(folded.find("first"), std::string_view::npos) << folded;
  EXPECT_NE(folded.find("second"), std::string_view::npos) << folded;
  EXPECT_EQ(folded.find_first_of("\r\n"), std::string_view::npos) << folded;
  EXPECT_EQ(out.response->body, "ok");
  EXPECT_EQ(out.stats.idle, 1u);
}

TEST(HostileHeaders, ThousandsOfSmallHeadersUnderTheLimitAreKept) {
  hostile_server server(answer(head("HTTP/1.1 200 OK", many_headers(3'000) + "Content-Length: 0\r\n")));
  const outcome out = get_through_transport(server, quick_options());
  ASSERT_TRUE(out.response) << (out.failure ? out.failure->what() : "hung");
  EXPECT_EQ(out.response->headers.size(), 3'001u);
  EXPECT_EQ(out.response->header("X-Flood-2999"), "1");
}

// ---- through a vendor client -----------------------------------------------------------------

TEST(HostileVendor, AnHtmlPageWhereJsonIsExpectedIsADecodeError) {
  const std::string page = "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>";
  hostile_server server(answer(
      head("HTTP/1.1 200 OK", "Content-Type: text/html\r\nContent-Length: " + std::to_string(page.size()) + "\r\n") +
      page));
  imbrace::client_options o;
  o.gateway = server.base_url();
  o.credentials = imbrace::credentials::api_key("api_hostile_key");
  o.transport = quick_options();
  asio::io_context io;
  outcome out;
  {
    imbrace::client client(io.get_executor(), o);
    run_bounded(io, client.workflows().get_run("run1"), out);
    out.stats = client.pool_stats();
  }
  ASSERT_FALSE(out.hung);
  ASSERT_TRUE(out.failure);
  const auto& e = *out.failure;
  EXPECT_EQ(e.code(), errc::decode_error) << e.what();
  EXPECT_EQ(e.details().http_status, 200u);
  EXPECT_EQ(e.details().attempts, 1);
  EXPECT_NE(e.details().body.find("<html>"), std::string::npos) << e.details().body;
  EXPECT_FALSE(e.details().cause.empty());
  EXPECT_EQ(server.requests(), 1);  // a decode error is not retried
  EXPECT_EQ(out.stats.in_use, 0u);
  EXPECT_EQ(out.stats.idle, 1u);  // the exchange itself was sound
}

// ---- certificates the client must refuse -----------------------------------------------------

struct tls_case {
  const char* name;
  test::certificate_spec certificate;
  const char* why;  ///< the reason, as OpenSSL's X509_verify_cert_error_string says it
};

void PrintTo(const tls_case& c, std::ostream* os) { *os << c.name; }

std::vector<tls_case> tls_cases() {
  test::certificate_spec expired;
  expired.not_before = -std::chrono::hours(48);
  expired.not_after = -std::chrono::hours(24);
  test::certificate_spec misnamed;
  misnamed.names = {"wrong.example"};
  test::certificate_spec self_signed;
  self_signed.self_signed = true;
  return {{"Expired", expired, "certificate has expired"},
          {"ForAnotherHost", misnamed, "IP address mismatch"},  // the client dials 127.0.0.1
          {"SelfSigned", self_signed, "self-signed certificate"}};
}

class HostileTls : public ::testing::TestWithParam<tls_case> {
 protected:
  // Serves the case's certificate and sends one GET that trusts only the test CA.
  outcome refused() {
    const auto certificate = test::make_test_certificate(GetParam().certificate);
    hostile_server server(answer(head("HTTP/1.1 200 OK", "Content-Length: 0\r\n")), certificate);
    auto options = quick_options();
    options.tls.ca_pem = certificate.ca_pem;
    outcome out = get_through_transport(server, options);
    EXPECT_EQ(server.requests(), 0);
    return out;
  }
};

TEST_P(HostileTls, IsRefused) {
  const outcome out = refused();
  ASSERT_FALSE(out.hung);
  ASSERT_TRUE(out.failure) << "the certificate was accepted";
  const auto& e = *out.failure;
  EXPECT_EQ(e.code(), errc::tls_failed) << e.what();
  EXPECT_EQ(e.details().attempts, 1);  // not transient: not retried
  EXPECT_EQ(e.details().http_status, 0u);
  EXPECT_NE(e.details().cause.find("certificate verify failed"), std::string::npos) << e.details().cause;
  EXPECT_EQ(out.stats.open, 0u);
  EXPECT_EQ(out.stats.in_use, 0u);
}

// The cause names OpenSSL's reason, as docs/tls.md promises. Regression: it used to be
// "certificate verify failed (SSL routines)" whatever the reason, and a misnamed certificate was
// refused by a callback that recorded no reason at all.
TEST_P(HostileTls, SaysWhyInTheCause) {
  const outcome out = refused();
  ASSERT_TRUE(out.failure);
  EXPECT_NE(out.failure->details().cause.find(GetParam().why), std::string::npos) << out.failure->details().cause;
}

INSTANTIATE_TEST_SUITE_P(Hostile, HostileTls, ::testing::ValuesIn(tls_cases()),
                         [](const auto& info) { return std::string(info.param.name); });

// ---- memory: a 100 MiB chunked body past the limit -------------------------------------------

// What a forked child reports about one chunked exchange.
struct memory_report {
  int error = -1;           ///< the errc the call ended in; 0: it succeeded; -1: another exception
  long rss_before_kib = 0;  ///< resident before the exchange
  long peak_kib = 0;        ///< the high-water mark of the exchange
  long elapsed_ms = 0;
  bool peak_was_reset = false;  ///< whether the high-water mark could be reset to the start
};

long status_kib(const char* field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(field, 0) == 0) return std::stol(line.substr(std::strlen(field)));
  }
  return -1;
}

// The child: a server and a client on one io_context, no thread of the test's own. A forked
// child inherits its parent's peak RSS (getrusage's ru_maxrss and VmHWM alike), so the peak is
// reset to the current RSS first (/proc/self/clear_refs, "5") and read as VmHWM after.
memory_report measure_chunked_exchange(std::size_t body_bytes, std::size_t limit) {
  memory_report r;
  asio::io_context io;
  hostile_server server(io.get_executor(), chunked(body_bytes));
  auto options = quick_options();
  options.max_body_bytes = limit;
  options.retry.max_retries = 0;
  http::transport t(io.get_executor(), options);
  outcome out;
  std::ofstream clear_refs("/proc/self/clear_refs");
  clear_refs << "5" << std::flush;
  r.peak_was_reset = clear_refs.good();
  r.rss_before_kib = status_kib("VmRSS:");
  run_bounded(io, t.send(server.origin(), http::request(http::verb::get, "/big"), request_options{}), out);
  r.peak_kib = status_kib("VmHWM:");
  r.elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(out.elapsed).count();
  r.error = out.hung ? -1 : out.failure ? out.failure->code().value() : 0;
  return r;
}

// Forks, runs measure_chunked_exchange in the child, and returns its report.
std::optional<memory_report> in_child(std::size_t body_bytes, std::size_t limit) {
  int fds[2];
  if (::pipe(fds) != 0) return std::nullopt;
  const pid_t child = ::fork();
  if (child == 0) {
    ::close(fds[0]);
    memory_report r;
    try {
      r = measure_chunked_exchange(body_bytes, limit);
    } catch (...) {
      r.error = -1;
    }
    [[maybe_unused]] auto written = ::write(fds[1], &r, sizeof r);
    ::_exit(0);  // no gtest teardown, no atexit handlers of the parent's state
  }
  ::close(fds[1]);
  std::optional<memory_report> report;
  pollfd ready{fds[0], POLLIN, 0};
  memory_report r;
  if (child > 0 && ::poll(&ready, 1, static_cast<int>(std::chrono::milliseconds(hang_limit).count())) == 1 &&
      ::read(fds[0], &r, sizeof r) == static_cast<ssize_t>(sizeof r))
    report = r;
  ::close(fds[0]);
  if (child > 0) {
    if (!report) ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
  }
  return report;
}

TEST(HostileMemory, AHundredMiBChunkedBodyPastTheLimitIsNotBuffered) {
  // The limit is small so that "buffered up to the limit" and "buffered the whole body" differ
  // by far more than allocator and sanitizer noise.
  constexpr std::size_t limit = 1 << 20;
  const auto baseline = in_child(64 << 10, limit);  // the same exchange, a body under the limit
  const auto big = in_child(std::size_t{100} << 20, limit);
  ASSERT_TRUE(baseline && big) << "a child did not report";
  if (!baseline->peak_was_reset || !big->peak_was_reset) GTEST_SKIP() << "cannot reset the peak RSS here";
  EXPECT_EQ(baseline->error, 0);
  EXPECT_EQ(big->error, make_error_code(errc::body_too_large).value());
  const long baseline_growth = baseline->peak_kib - baseline->rss_before_kib;
  const long big_growth = big->peak_kib - big->rss_before_kib;
  std::printf("[ peak RSS ] 100 MiB chunked: +%ld KiB in %ld ms; 64 KiB baseline: +%ld KiB in %ld ms\n", big_growth,
              big->elapsed_ms, baseline_growth, baseline->elapsed_ms);
  EXPECT_LT(big_growth - baseline_growth, 32 * 1024) << "KiB more than the baseline";
  EXPECT_LT(big->elapsed_ms, 10'000);
}

}  // namespace
