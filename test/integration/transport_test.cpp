// The transport against a real server: injected faults, deadlines, cancellation, body limits,
// certificates the client must reject, pooling and concurrency.
#include "flowsdk/flowsdk.hpp"

#include "support/emulated.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>

#include <thread>

using namespace flowsdk;
using namespace std::chrono_literals;
namespace asio = boost::asio;
namespace im = flowsdk::imbrace;
using emulator::fault;
using emulator::fault_kind;
using emulator::fault_rule;

namespace {

class Transport : public flowsdk::test::emulated_test {
 protected:
  // A client with quick retries so tests do not sleep long.
  im::client quick_client(std::chrono::milliseconds attempt_timeout = 5s) {
    auto o = flowsdk::test::imbrace_options_for(emu.get());
    o.transport.retry.initial_backoff = 10ms;
    o.transport.timeouts.attempt = attempt_timeout;
    return make_client(o);
  }

  void inject(const char* method, fault f, int times = 1, std::string path = "/activepieces/v1/flow-runs/") {
    fault_rule r;
    r.method = method;
    r.path_prefix = std::move(path);
    r.what = f;
    r.times = times;
    emu->inject(r);
  }

  std::string a_run_id() {
    auto runs = wf.list_runs();
    auto first = run(runs.next());
    return first->id;
  }

  std::size_t recorded(const std::string& method) {
    std::size_t n = 0;
    for (const auto& r : emu->recorded_requests()) n += r.method == method;
    return n;
  }

  static fault status(int code, std::string retry_after = "", std::string retry_after_ms = "") {
    fault f;
    f.kind = fault_kind::http_status;
    f.status = code;
    f.retry_after = std::move(retry_after);
    f.retry_after_ms = std::move(retry_after_ms);
    return f;
  }
  static fault of(fault_kind k, std::chrono::milliseconds stall = 0ms) {
    fault f;
    f.kind = k;
    f.stall_for = stall;
    return f;
  }
};

}  // namespace

TEST_F(Transport, RetriesA503WithRetryAfterThenSucceeds) {
  auto id = a_run_id();
  auto c = quick_client();
  inject("GET", status(503, "", "30"), 2);
  emu->clear_recorded_requests();
  auto r = run(c.workflows().get_run(id));
  EXPECT_EQ(r.id, id);
  EXPECT_EQ(recorded("GET"), 3u);
}

TEST_F(Transport, ARateLimitThatOutlastsTheRetriesIsReported) {
  auto id = a_run_id();
  auto c = quick_client();
  inject("GET", status(429, "0"), 5);
  auto e = expect_error(c.workflows().get_run(id), errc::rate_limited);
  EXPECT_EQ(e.details().attempts, 3);
  ASSERT_TRUE(e.details().retry_after);
  EXPECT_EQ(*e.details().retry_after, 0ms);
}

TEST_F(Transport, APostIsNotResentAfterA503) {
  auto c = quick_client();
  inject("POST", status(503), 1, "/activepieces/v1/flows");
  emu->clear_recorded_requests();
  auto e = expect_error(c.workflows().create_flow(im::create_flow_request("once")), errc::server_error);
  EXPECT_EQ(e.details().attempts, 1);
  EXPECT_EQ(recorded("POST"), 1u);
}

TEST_F(Transport, AResetBeforeTheResponseIsRetriedForAGetButNotForAPost) {
  auto id = a_run_id();
  auto c = quick_client();
  inject("GET", of(fault_kind::reset_before_response), 1);
  EXPECT_EQ(run(c.workflows().get_run(id)).id, id);

  inject("POST", of(fault_kind::reset_before_response), 1, "/activepieces/v1/flows");
  emu->clear_recorded_requests();
  auto e = expect_error(c.workflows().create_flow(im::create_flow_request("maybe")), errc::connection_lost);
  EXPECT_EQ(recorded("POST"), 1u);
  EXPECT_EQ(e.details().http_status, 0u);
}

TEST_F(Transport, AStaleReusedConnectionIsReplacedWithoutSpendingARetry) {
  auto id = a_run_id();
  auto o = flowsdk::test::imbrace_options_for(emu.get());
  o.transport.retry.max_retries = 0;
  auto c = make_client(o);
  run(c.workflows().get_run(id));  // one pooled connection now
  inject("GET", of(fault_kind::reset_before_response), 1);
  EXPECT_EQ(run(c.workflows().get_run(id)).id, id);
  EXPECT_EQ(c.pool_stats().created, 2u);
}

TEST_F(Transport, AStalledServerTimesOutAndTheRetrySucceeds) {
  auto id = a_run_id();
  auto c = quick_client(300ms);
  inject("GET", of(fault_kind::stall), 1);
  EXPECT_EQ(run(c.workflows().get_run(id)).id, id);

  inject("GET", of(fault_kind::stall), 3);
  auto e = expect_error(c.workflows().get_run(id), errc::timeout);
  EXPECT_EQ(e.details().attempts, 3);
  EXPECT_EQ(c.pool_stats().in_use, 0u);
}

TEST_F(Transport, TheWholeCallDeadlineBoundsRetries) {
  auto id = a_run_id();
  auto c = quick_client(10s);
  inject("GET", of(fault_kind::stall), 5);
  request_options o;
  o.timeout = 400ms;
  const auto start = std::chrono::steady_clock::now();
  expect_error(c.workflows().get_run(id, o), errc::timeout);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);  // not the 10 s attempt timeout
}

TEST_F(Transport, ATruncatedBodyIsALostConnection) {
  auto id = a_run_id();
  auto c = quick_client();
  inject("GET", of(fault_kind::truncated_body), 1);
  EXPECT_EQ(run(c.workflows().get_run(id)).id, id);  // retried

  inject("GET", of(fault_kind::truncated_body), 3);
  expect_error(c.workflows().get_run(id), errc::connection_lost);
}

TEST_F(Transport, MalformedJsonIsADecodeErrorNotRetried) {
  auto id = a_run_id();
  inject("GET", of(fault_kind::malformed_json), 1);
  emu->clear_recorded_requests();
  auto e = expect_error(wf.get_run(id), errc::decode_error);
  EXPECT_FALSE(e.details().body.empty());
  EXPECT_EQ(recorded("GET"), 1u);
  EXPECT_EQ(run(wf.get_run(id)).id, id);  // the connection is still good
}

TEST_F(Transport, ABodyOverTheLimitIsRefusedWhileReading) {
  auto o = flowsdk::test::imbrace_options_for(emu.get());
  o.transport.max_body_bytes = 256;
  auto c = make_client(o);
  expect_error(c.workflows().get_flow(emu->seed().imbrace.echo_flow_id), errc::body_too_large);
  EXPECT_EQ(c.pool_stats().open, 0u);  // that connection was closed
}

TEST_F(Transport, CancellationAbortsTheCallAndClosesItsConnection) {
  auto id = a_run_id();
  auto c = quick_client(30s);
  run(c.workflows().get_run(id));
  inject("GET", of(fault_kind::stall), 1);

  asio::cancellation_signal cancel;
  std::exception_ptr outcome;
  bool done = false;
  asio::co_spawn(io, c.workflows().get_run(id),
                 asio::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr e, im::flow_run) {
                   outcome = e;
                   done = true;
                 }));
  asio::steady_timer t(io, 200ms);
  t.async_wait([&](auto) { cancel.emit(asio::cancellation_type::terminal); });
  io.restart();
  io.run_for(10s);
  ASSERT_TRUE(done);
  try {
    std::rethrow_exception(outcome);
  } catch (const error& e) {
    EXPECT_EQ(e.code(), errc::cancelled);
  }
  auto s = c.pool_stats();
  EXPECT_EQ(s.in_use, 0u);
  EXPECT_EQ(s.open, 0u);  // the stalled connection was closed, not pooled
  EXPECT_EQ(run(c.workflows().get_run(id)).id, id);
}

TEST_F(Transport, AConnectionRefusedIsAConnectFailure) {
  std::uint16_t port;
  {
    asio::ip::tcp::acceptor a(io, {asio::ip::make_address("127.0.0.1"), 0});
    port = a.local_endpoint().port();
  }
  auto o = flowsdk::test::imbrace_options_for(emu.get());
  o.gateway = "https://127.0.0.1:" + std::to_string(port);
  o.transport.retry.initial_backoff = 1ms;
  auto c = make_client(o);
  auto e = expect_error(c.workflows().get_run("r1"), errc::connect_failed);
  EXPECT_EQ(e.details().attempts, 3);
  // A POST that never left is retried too.
  EXPECT_EQ(expect_error(c.workflows().trigger_flow("f1"), errc::connect_failed).details().attempts, 3);
}

TEST_F(Transport, ConnectionsAreReusedAndBoundedByThePool) {
  auto id = a_run_id();
  auto o = flowsdk::test::imbrace_options_for(emu.get());
  o.transport.pool.max_connections_per_origin = 4;
  auto c = make_client(o);
  for (int i = 0; i < 10; ++i) run(c.workflows().get_run(id));
  EXPECT_EQ(c.pool_stats().created, 1u);
  EXPECT_EQ(c.pool_stats().reused, 9u);

  std::vector<std::string> ids(200, id);
  auto wf2 = c.workflows();
  auto lookup = [wf2](std::string x) { return wf2.get_run(std::move(x)); };
  auto results = run(fan_out(ids, 50, lookup));
  for (const auto& r : results) EXPECT_TRUE(r.has_value());
  auto s = c.pool_stats();
  EXPECT_LE(s.created, 4u);
  EXPECT_EQ(s.in_use, 0u);
  EXPECT_EQ(s.waiting, 0u);
  EXPECT_LE(s.open, 4u);
}

TEST_F(Transport, AWaiterTimesOutWhenNoConnectionFreesUp) {
  auto id = a_run_id();
  auto o = flowsdk::test::imbrace_options_for(emu.get());
  o.transport.pool.max_connections_per_origin = 1;
  o.transport.timeouts.attempt = 300ms;
  o.transport.retry.max_retries = 0;
  auto c = make_client(o);
  inject("GET", of(fault_kind::stall), 1);
  std::vector<std::string> ids(2, id);
  auto wf2 = c.workflows();
  auto lookup = [wf2](std::string x) { return wf2.get_run(std::move(x)); };
  auto results = run(fan_out(ids, 2, lookup));
  int timeouts = 0;
  for (const auto& r : results) timeouts += !r.has_value() && r.error() && r.error()->code() == errc::timeout;
  EXPECT_GE(timeouts, 1);
}

TEST_F(Transport, WorksOnAMultiThreadedIoContext) {
  auto id = a_run_id();
  asio::thread_pool threads(2);
  auto o = flowsdk::test::imbrace_options_for(emu.get());
  o.transport.pool.max_connections_per_origin = 8;
  im::client c(threads.get_executor(), o);
  auto wf2 = c.workflows();
  std::vector<std::string> ids(300, id);
  auto lookup = [wf2](std::string x) { return wf2.get_run(std::move(x)); };
  // Plain co_spawn: fan_out's workers run on every thread of the pool at once.
  auto future = asio::co_spawn(threads, fan_out(ids, 32, lookup), asio::use_future);
  auto results = future.get();
  threads.join();
  for (const auto& r : results) EXPECT_TRUE(r.has_value());
  EXPECT_LE(c.pool_stats().created, 8u);
}

// ---- certificates ----------------------------------------------------------------------------

TEST_F(Transport, ACertificateFromAnotherCaIsRejected) {
  emulator::background_server other(flowsdk::test::quick_emulator());
  auto o = flowsdk::test::imbrace_options_for(emu.get());
  o.gateway = other->base_url();  // trusts emu's CA, talks to other
  auto c = make_client(o);
  auto e = expect_error(c.workflows().get_run("r1"), errc::tls_failed);
  EXPECT_EQ(e.details().attempts, 1);  // not a transient failure
  EXPECT_NE(e.details().cause.find("certificate"), std::string::npos) << e.details().cause;
}

TEST_F(Transport, ACertificateForAnotherHostIsRejected) {
  auto eo = flowsdk::test::quick_emulator();
  eo.certificate_names = {"wrong.example"};
  emulator::background_server misnamed(eo);
  auto o = flowsdk::test::imbrace_options_for(misnamed.get());
  auto c = make_client(o);
  expect_error(c.workflows().get_run("r1"), errc::tls_failed);
}

TEST_F(Transport, TheSystemStoreDoesNotTrustTheEmulator) {
  auto o = flowsdk::test::imbrace_options_for(emu.get());
  o.transport.tls.ca_pem.clear();
  auto c = make_client(o);
  expect_error(c.workflows().get_run("r1"), errc::tls_failed);
}

TEST_F(Transport, AnUnreadableCaFileIsAnInvalidArgument) {
  auto o = flowsdk::test::imbrace_options_for(emu.get());
  o.transport.tls.ca_pem.clear();
  o.transport.tls.ca_file = "/nonexistent/ca.pem";
  EXPECT_THROW(make_client(o), error);
}

TEST_F(Transport, FastFailuresAreNotHeldUntilTheDeadline) {
  // docs/coroutine-hazards.md, the `||` operator: a quick failure must surface at once, not at the timeout.
  auto id = a_run_id();
  auto o = flowsdk::test::imbrace_options_for(emu.get());
  o.transport.timeouts.attempt = 60s;
  o.transport.retry.max_retries = 0;
  auto c = make_client(o);
  inject("GET", of(fault_kind::reset_before_response), 1);
  const auto start = std::chrono::steady_clock::now();
  expect_error(c.workflows().get_run(id), errc::connection_lost);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
}

// ---- errors name where they failed ---------------------------------------------------------------

TEST_F(Transport, AConnectionRefusedNamesHostAndPort) {
  std::uint16_t port;
  {
    asio::ip::tcp::acceptor a(io, {asio::ip::make_address("127.0.0.1"), 0});
    port = a.local_endpoint().port();
  }
  auto o = flowsdk::test::imbrace_options_for(emu.get());
  o.gateway = "https://127.0.0.1:" + std::to_string(port);
  o.transport.retry.max_retries = 0;
  auto c = make_client(o);
  auto e = expect_error(c.workflows().get_run("r1"), errc::connect_failed);
  const std::string where = "connect to 127.0.0.1:" + std::to_string(port) + ": ";
  EXPECT_EQ(e.details().cause.rfind(where, 0), 0u) << e.details().cause;
  EXPECT_EQ(std::string(e.what()), "GET /activepieces/v1/flow-runs/r1: connect failed: " + e.details().cause);
}

TEST_F(Transport, AHostThatDoesNotResolveIsNamed) {
  auto o = flowsdk::test::imbrace_options_for(emu.get());
  o.gateway = "https://nonexistent.invalid";  // RFC 6761: never resolves
  o.transport.retry.max_retries = 0;
  o.transport.timeouts.connect = 5s;
  auto c = make_client(o);
  auto e = expect_error(c.workflows().get_run("r1"), errc::resolve_failed);
  EXPECT_EQ(e.details().cause.rfind("resolve nonexistent.invalid:443: ", 0), 0u) << e.details().cause;
}

TEST_F(Transport, AnUntrustedCertificateSaysHowToTrustIt) {
  auto o = flowsdk::test::imbrace_options_for(emu.get());
  o.transport.tls.ca_pem.clear();  // the system store, which does not hold the emulator's CA
  auto c = make_client(o);
  auto e = expect_error(c.workflows().get_run("r1"), errc::tls_failed);
  const auto& cause = e.details().cause;
  const auto url = emu->base_url();
  const std::string host_port = url.substr(url.find("://") + 3);
  EXPECT_EQ(cause.rfind("TLS handshake with " + host_port + ": ", 0), 0u) << cause;
  // OpenSSL's reason follows, e.g. "self-signed certificate in certificate chain" (docs/errors.md).
  EXPECT_NE(cause.find(": certificate verify failed (SSL routines): "), std::string::npos) << cause;
  EXPECT_NE(cause.find("tls_options::ca_file"), std::string::npos) << cause;
  EXPECT_NE(cause.find("tls_options::ca_pem"), std::string::npos) << cause;
  EXPECT_NE(cause.find("system store"), std::string::npos) << cause;
}

TEST_F(Transport, ACertificateForAnotherHostSaysSo) {
  auto eo = flowsdk::test::quick_emulator();
  eo.certificate_names = {"wrong.example"};
  emulator::background_server misnamed(eo);
  auto c = make_client(flowsdk::test::imbrace_options_for(misnamed.get()));
  auto e = expect_error(c.workflows().get_run("r1"), errc::tls_failed);
  EXPECT_NE(e.details().cause.find("the certificate names other hosts"), std::string::npos) << e.details().cause;
  EXPECT_EQ(e.details().cause.find("ca_file"), std::string::npos) << e.details().cause;
}

// ---- fan_out wider than the pool ------------------------------------------------------------------

TEST_F(Transport, FanOutWiderThanThePoolWaitsInThePool) {
  // docs/connection-pool.md: the pool (32 per origin by default) caps what fan_out sends at once;
  // the rest wait in the pool, where pool_stats().waiting shows them.
  auto id = a_run_id();
  auto c = make_client(flowsdk::test::imbrace_options_for(emu.get()));
  auto wf2 = c.workflows();
  std::vector<std::string> ids(300, id);
  std::size_t peak_waiting = 0, peak_in_use = 0;
  bool done = false;
  auto sample = [&]() -> asio::awaitable<void> {
    asio::steady_timer t(co_await asio::this_coro::executor);
    while (!done) {
      auto s = c.pool_stats();
      peak_waiting = std::max(peak_waiting, s.waiting);
      peak_in_use = std::max(peak_in_use, s.in_use);
      t.expires_after(1ms);
      co_await t.async_wait(asio::use_awaitable);
    }
  };
  asio::co_spawn(io, sample(), asio::detached);
  auto lookup = [wf2](std::string x) { return wf2.get_run(std::move(x)); };
  auto wide = [&]() -> asio::awaitable<std::vector<outcome<im::flow_run>>> {
    auto results = co_await fan_out(ids, 100, lookup);
    done = true;
    co_return results;
  };
  auto results = run(wide());
  for (const auto& r : results) EXPECT_TRUE(r.has_value());
  EXPECT_EQ(peak_in_use, 32u);
  EXPECT_GE(peak_waiting, 100u - 32u - 8u) << "the calls beyond the pool's 32 wait in it";
  EXPECT_LE(c.pool_stats().created, 32u);
  EXPECT_EQ(c.pool_stats().waiting, 0u);
}

// Request bodies on both sides of the size up to which the body goes out in one write with the
// head (16 KiB), and far beyond it, all on one reused connection: each arrives whole, and the
// connection stays in step for the next request. A large body once went out wrongly framed.
TEST_F(Transport, RequestBodiesOfEverySizeArriveWholeOnOneConnection) {
  const std::string flow_id = emu->seed().imbrace.echo_flow_id;
  const std::string framing = R"({"text":""})";
  std::vector<std::size_t> sizes;
  for (std::size_t body : {std::size_t{16 * 1024 - 1}, std::size_t{16 * 1024}, std::size_t{16 * 1024 + 1},
                           std::size_t{64 * 1024}, std::size_t{1024 * 1024}})
    sizes.push_back(body - framing.size());
  sizes.push_back(0);
  for (std::size_t n : sizes) {
    const std::string text(n, 'x');
    auto answer = run(wf.trigger_flow_sync(flow_id, boost::json::object{{"text", text}}));
    EXPECT_EQ(answer.status, 200u) << n;
    const auto recorded = emu->recorded_requests();  // a copy
    ASSERT_FALSE(recorded.empty());
    const auto& sent = recorded.back();
    EXPECT_EQ(sent.method, "POST");
    EXPECT_EQ(sent.body.size(), n + framing.size());
    EXPECT_EQ(sent.body, R"({"text":")" + text + R"("})") << "a body of " << sent.body.size() << " bytes";
  }
  run(wf.get_flow(flow_id));  // the connection is still in step after the largest body
  EXPECT_EQ(client.pool_stats().created, 1u);
}
