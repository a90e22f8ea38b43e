// The polling engine of every wait (src/rest/poll.hpp) over a scripted network: the backoff
// sequence and its restart after a change, jitter bounds, the deadline and the last state in the
// timeout error, cancellation, failures passing through; then Imbrace wait_for_run and
// Cloudflare wait_for_instance on top of it (docs/waiting.md).
#include "flowsdk/cloudflare/client.hpp"
#include "flowsdk/imbrace/client.hpp"

#include "rest/poll.hpp"

#include "flowsdk/testing/fake_network.hpp"
#include "support/run.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include <deque>
#include <random>

using flowsdk::errc;
using flowsdk::testing::fake_network;
using flowsdk::testing::reply;
namespace asio = boost::asio;
namespace http = flowsdk::http;
namespace rest = flowsdk::rest;
using namespace std::chrono_literals;
using std::chrono::milliseconds;

namespace {

std::string status_body(const std::string& status) { return R"({"status":")" + status + R"("})"; }

// A transport over a scripted network whose sleeps take no time but move a clock of the test's.
class Poll : public ::testing::Test {
 protected:
  std::shared_ptr<fake_network> net = std::make_shared<fake_network>();
  std::vector<milliseconds> sleeps;
  std::chrono::steady_clock::time_point clock = std::chrono::steady_clock::now();
  std::deque<double> randoms;             // jitter draws; 0 when none are left
  std::function<void(int)> on_sleep;      // called with the sleep's number (1 for the first)
  std::optional<milliseconds> read_cost;  // how far the clock moves during the next read
  std::shared_ptr<http::transport> transport = make_transport(true);
  http::origin origin = http::base_url::parse("https://api.example.com").origin;

  std::shared_ptr<http::transport> make_transport(bool fake_sleep) {
    http::transport_options o;
    o.retry.max_retries = 0;
    if (fake_sleep) {
      o.sleep = [this](milliseconds d) -> asio::awaitable<void> {
        sleeps.push_back(d);
        clock += d;
        // Through the executor once, as any real wait: a run that never leaves the coroutine
        // makes co_spawn post at its end, which a cancellation turns into operation_aborted.
        auto ex = co_await asio::this_coro::executor;
        co_await asio::post(ex, asio::use_awaitable);
        if (on_sleep) on_sleep(static_cast<int>(sleeps.size()));
      };
    }
    o.random01 = [this] {
      if (randoms.empty()) return 0.0;
      double r = randoms.front();
      randoms.pop_front();
      return r;
    };
    return std::make_shared<http::transport>(net, o);
  }

  void script(std::initializer_list<const char*> statuses) {
    for (const char* s : statuses) net->push(reply::status(200, status_body(s)));
  }

  flowsdk::wait_options options(milliseconds initial, milliseconds max, milliseconds timeout = 60s,
                                double jitter = 0.0) {
    flowsdk::wait_options o;
    o.initial_interval = initial;
    o.max_interval = max;
    o.timeout = timeout;
    o.jitter = jitter;
    return o;
  }

  // Waits for {"status":"done"} from GET /things/1.
  asio::awaitable<std::string> wait(flowsdk::wait_options o) {
    auto poll = std::make_shared<rest::typed_poll<std::string>>();
    poll->read = [this](flowsdk::request_options per_read) { return read(std::move(per_read)); };
    poll->done = [](const std::string& s) { return s == "done"; };
    poll->state = [](const std::string& s) { return s; };
    rest::poll_subject subject("thing \"1\"", "finish", "GET", "/things/1");
    subject.clock = [this] { return clock; };
    return rest::poll_for(transport, std::move(o), std::move(subject), std::move(poll));
  }

  asio::awaitable<std::string> read(flowsdk::request_options per_read) {
    if (read_cost) clock += *std::exchange(read_cost, std::nullopt);
    http::response r = co_await transport->send(origin, http::request(http::verb::get, "/things/1"), per_read);
    co_return std::string(boost::json::parse(r.body).at("status").as_string());
  }

  flowsdk::error expect_error(asio::awaitable<std::string> a, errc code) {
    try {
      flowsdk::test::run(std::move(a));
    } catch (const flowsdk::error& e) {
      EXPECT_EQ(e.code(), code) << e.what();
      return e;
    }
    ADD_FAILURE() << "expected " << make_error_code(code).message();
    return flowsdk::error(errc::invalid_argument, {});
  }

  // Runs wait(o) on `io` with `cancel` bound as its cancellation slot; expects errc::cancelled.
  flowsdk::error expect_cancelled(flowsdk::wait_options o) {
    auto done = asio::co_spawn(io, wait(o), asio::bind_cancellation_slot(cancel.slot(), asio::use_future));
    io.run();
    try {
      done.get();
    } catch (const flowsdk::error& e) {
      EXPECT_EQ(e.code(), errc::cancelled) << e.what();
      return e;
    }
    ADD_FAILURE() << "expected cancelled";
    return flowsdk::error(errc::invalid_argument, {});
  }

  asio::io_context io;
  asio::cancellation_signal cancel;
};

TEST_F(Poll, PausesGrowUpToTheCapUntilTheStateIsReached) {
  script({"running", "running", "running", "running", "running", "done"});
  EXPECT_EQ(flowsdk::test::run(wait(options(100ms, 400ms))), "done");
  EXPECT_EQ(sleeps, (std::vector<milliseconds>{100ms, 200ms, 400ms, 400ms, 400ms}));
  EXPECT_EQ(net->requests().size(), 6u);
}

TEST_F(Poll, PausesStartAgainAfterTheStateChanges) {
  script({"queued", "queued", "queued", "running", "running", "done"});
  flowsdk::test::run(wait(options(100ms, 10s)));
  EXPECT_EQ(sleeps, (std::vector<milliseconds>{100ms, 200ms, 400ms, 100ms, 200ms}));
}

TEST_F(Poll, JitterShrinksEachPauseByAtMostItsFraction) {
  script({"running", "running", "running", "done"});
  randoms = {0.96875, 0.75, 0.0};
  flowsdk::test::run(wait(options(1000ms, 4000ms, 60s, 0.5)));
  // 1000 * (1 - 0.484375), 2000 * (1 - 0.375), 4000 * (1 - 0): exact in binary
  EXPECT_EQ(sleeps, (std::vector<milliseconds>{515ms, 1250ms, 4000ms}));
}

TEST(PollBackoff, EveryPauseIsWithinItsJitterBounds) {
  rest::poll_backoff b(100ms, 1600ms, 2.0, 0.3);
  std::mt19937 gen(7);
  std::uniform_real_distribution<double> r01(0.0, 1.0);
  for (int round = 0; round < 50; ++round) {
    b.reset();
    double base = 100;
    for (int i = 0; i < 8; ++i) {
      const milliseconds d = b.next(r01(gen));
      EXPECT_LE(d.count(), static_cast<long>(base));
      EXPECT_GE(d.count(), static_cast<long>(base * 0.7) - 1);
      base = std::min(base * 2, 1600.0);
    }
  }
}

TEST_F(Poll, TimeoutNamesTheLastStateAndEachReadGetsWhatIsLeft) {
  script({"running", "running", "running", "running"});
  auto e = expect_error(wait(options(300ms, 1000ms, 1000ms)), errc::timeout);
  // Reads at 0, 300 and 900 ms; the last pause is cut to the 100 ms left; no read after the deadline.
  EXPECT_EQ(sleeps, (std::vector<milliseconds>{300ms, 600ms, 100ms}));
  ASSERT_EQ(net->requests().size(), 3u);
  EXPECT_EQ(e.details().method, "GET");
  EXPECT_EQ(e.details().target, "/things/1");
  const std::string what = e.what();
  EXPECT_NE(what.find("thing \"1\" did not finish within 1000 ms"), std::string::npos) << what;
  EXPECT_NE(what.find("last seen: running (3 reads)"), std::string::npos) << what;
  EXPECT_NE(what.find("it goes on"), std::string::npos) << what;
  // The first read may take the whole second, the last only the 100 ms left.
  const auto shorter = net->requests()[0].deadline - net->requests()[2].deadline;
  EXPECT_GT(shorter, 850ms);
  EXPECT_LT(shorter, 950ms);
}

TEST_F(Poll, AReadCutOffByTheDeadlineIsTheWaitTimingOut) {
  net->push(reply::status(200, status_body("running")));
  net->push(reply::failure(errc::timeout, true));
  on_sleep = [this](int) { read_cost = 1000ms; };  // the second read runs past the deadline
  auto e = expect_error(wait(options(100ms, 100ms, 1000ms)), errc::timeout);
  EXPECT_NE(std::string(e.what()).find("last seen: running (1 read)"), std::string::npos) << e.what();
}

TEST_F(Poll, AReadTimingOutBeforeTheDeadlineFailsAsItself) {
  net->push(reply::status(200, status_body("running")));
  net->push(reply::failure(errc::timeout, true));
  auto e = expect_error(wait(options(100ms, 100ms, 60s)), errc::timeout);
  EXPECT_EQ(std::string(e.what()).find("last seen"), std::string::npos) << e.what();
  EXPECT_NE(e.details().cause.find("scripted failure"), std::string::npos) << e.what();
}

TEST_F(Poll, AFailedReadPassesThroughAtOnce) {
  script({"running"});
  net->push(reply::status(404, R"({"message":"gone"})"));
  expect_error(wait(options(100ms, 100ms)), errc::not_found);
  EXPECT_EQ(net->requests().size(), 2u);
  EXPECT_EQ(sleeps.size(), 1u);
}

TEST_F(Poll, CancellationEndsAPause) {
  transport = make_transport(false);  // a real timer, cancelled by the caller
  for (int i = 0; i < 5; ++i) script({"running"});
  asio::steady_timer soon(io, 20ms);
  soon.async_wait([&](boost::system::error_code) { cancel.emit(asio::cancellation_type::terminal); });
  const auto started = std::chrono::steady_clock::now();
  const flowsdk::error e = expect_cancelled(options(10s, 10s));
  EXPECT_NE(e.details().cause.find("cancelled while waiting for thing \"1\" to finish"), std::string::npos);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
  EXPECT_EQ(net->requests().size(), 1u);
}

TEST_F(Poll, ACancellationBetweenOperationsIsNoticed) {
  script({"running", "running", "running"});
  on_sleep = [&](int n) {
    if (n == 1) cancel.emit(asio::cancellation_type::terminal);  // while no operation is pending
  };
  expect_cancelled(options(100ms, 100ms));
  EXPECT_EQ(net->requests().size(), 1u);
}

// ---- the vendors' waits on the engine -------------------------------------------------------------

namespace im = flowsdk::imbrace;
namespace cf = flowsdk::cloudflare;

std::string run_body(const std::string& status) { return R"({"id":"r1","flowId":"f1","status":")" + status + R"("})"; }

im::client imbrace_over(std::shared_ptr<http::transport> t) {
  im::client_options o;
  o.gateway = "https://api.example.com";
  o.credentials = im::credentials::api_key("api_test");
  return im::client(std::move(t), o);
}

TEST_F(Poll, ImbraceWaitForRunGoesOnUntilAFinalStatus) {
  for (const char* s : {"QUEUED", "RUNNING", "PAUSED", "A_STATUS_FROM_THE_FUTURE", "SUCCEEDED"})
    net->push(reply::status(200, run_body(s)));
  im::flow_run run = flowsdk::test::run(imbrace_over(transport).workflows().wait_for_run("r1", options(10ms, 10ms)));
  EXPECT_EQ(run.status, im::flow_run_status::succeeded);
  ASSERT_EQ(net->requests().size(), 5u);
  for (const auto& r : net->requests()) EXPECT_EQ(r.target, "/activepieces/v1/flow-runs/r1");
  EXPECT_EQ(sleeps.size(), 4u);
}

TEST_F(Poll, ImbraceWaitForRunEndsOnEveryFinalStatus) {
  auto wf = imbrace_over(transport).workflows();
  for (const char* s : {"SUCCEEDED", "FAILED", "TIMEOUT", "CANCELED", "QUOTA_EXCEEDED", "INTERNAL_ERROR",
                        "MEMORY_LIMIT_EXCEEDED", "STOPPED"}) {
    net->push(reply::status(200, run_body(s)));
    EXPECT_EQ(flowsdk::test::run(wf.wait_for_run("r1", options(10ms, 10ms))).status.value(), s);
  }
  EXPECT_EQ(net->requests().size(), 8u);
  EXPECT_TRUE(sleeps.empty());
}

TEST_F(Poll, ImbraceWaitForRunRejectsAnEmptyIdBeforeAnyRequest) {
  auto wf = imbrace_over(transport).workflows();
  try {
    flowsdk::test::run(wf.wait_for_run(""));
    ADD_FAILURE() << "expected invalid_argument";
  } catch (const flowsdk::error& e) {
    EXPECT_EQ(e.code(), errc::invalid_argument) << e.what();
  }
  EXPECT_TRUE(net->requests().empty());
}

cf::client cloudflare_over(std::shared_ptr<http::transport> t) {
  cf::client_options o;
  o.base_url = "https://api.example.com/client/v4";
  o.account_id = "acc";
  o.credentials = cf::credentials::api_token("cf_test");
  return cf::client(std::move(t), o);
}

void script_instance(fake_network& net, std::initializer_list<const char*> statuses) {
  for (const char* s : statuses) {
    net.push(reply::status(
        200, R"({"success":true,"errors":[],"messages":[],"result":{"status":")" + std::string(s) + R"("}})"));
  }
}

TEST_F(Poll, CloudflareWaitForInstanceStopsAtAStatusAskedFor) {
  script_instance(*net, {"queued", "running", "waiting", "complete"});
  auto d = flowsdk::test::run(cloudflare_over(transport).instances().wait_for_instance("wf", "i1", options(10ms, 10ms),
                                                                                       {cf::instance_status::waiting}));
  EXPECT_EQ(d.status, cf::instance_status::waiting);
  ASSERT_EQ(net->requests().size(), 3u);
  EXPECT_EQ(net->requests()[0].target, "/client/v4/accounts/acc/workflows/wf/instances/i1?simple=true");
}

TEST_F(Poll, CloudflareWaitForInstanceEndsAtAFinalStatusOnly) {
  script_instance(*net, {"queued", "waiting", "waitingForPause", "paused", "rollingBack", "unknown", "errored"});
  auto d =
      flowsdk::test::run(cloudflare_over(transport).instances().wait_for_instance("wf", "i1", options(10ms, 10ms)));
  EXPECT_EQ(d.status, cf::instance_status::errored);
  EXPECT_EQ(net->requests().size(), 7u);
}

TEST_F(Poll, CloudflareWaitForInstanceEndsAtAFinalStatusEvenWhenAnotherWasAskedFor) {
  script_instance(*net, {"running", "terminated"});
  auto d = flowsdk::test::run(cloudflare_over(transport).instances().wait_for_instance("wf", "i1", options(10ms, 10ms),
                                                                                       {cf::instance_status::waiting}));
  EXPECT_EQ(d.status, cf::instance_status::terminated);
}

}  // namespace
