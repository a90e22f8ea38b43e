#include "flowsdk/http/rate_budget.hpp"

#include "flowsdk/core/error.hpp"
#include "flowsdk/http/transport.hpp"
#include "flowsdk/tenex/client.hpp"

#include "flowsdk/testing/fake_network.hpp"
#include "support/run.hpp"
#include "support/tenex_routes.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

using namespace flowsdk;
using namespace std::chrono;
namespace kit = flowsdk::testing;
namespace asio = boost::asio;

namespace {

const http::origin api{true, "api.example.com", 443};

asio::awaitable<void> sleep_for(milliseconds d) {
  asio::steady_timer t(co_await asio::this_coro::executor, d);
  co_await t.async_wait(asio::use_awaitable);
}

// A transport whose retries do not sleep, over `net`.
std::shared_ptr<http::transport> transport_over(std::shared_ptr<http::sender> net, int max_retries = 2) {
  http::transport_options o;
  o.sleep = [](milliseconds) -> asio::awaitable<void> { co_return; };
  o.random01 = [] { return 0.0; };
  o.retry.max_retries = max_retries;
  return std::make_shared<http::transport>(std::move(net), o);
}

request_options with_budget(std::shared_ptr<http::rate_budget> b, std::optional<milliseconds> timeout = {}) {
  request_options o;
  o.budget = std::move(b);
  o.timeout = timeout;
  return o;
}

// The server side of a rate limit, as the emulator keeps it per key: a bucket of `n` per
// `window` that starts full at the first request and refills continuously. Thread-safe.
class bucket_sender : public http::sender {
 public:
  bucket_sender(int n, steady_clock::duration window) : n_(n), window_(window) {}

  asio::awaitable<http::attempt_result> send(const http::origin&, const http::request&,
                                             steady_clock::time_point) override {
    const bool ok = take();
    co_return kit::reply::status(ok ? 200 : 429, ok ? "{}" : R"({"error":"rate_limited","message":"slow down"})")
        .whole();
  }

  int rejected() const { return rejected_.load(); }
  int accepted() const { return accepted_.load(); }

 private:
  bool take() {
    std::lock_guard lock(mutex_);
    const auto now = steady_clock::now();
    if (!started_) {
      started_ = true;
      tokens_ = n_;
    } else {
      const double elapsed = duration<double>(now - last_).count();
      tokens_ = std::min<double>(n_, tokens_ + elapsed * n_ / duration<double>(window_).count());
    }
    last_ = now;
    if (tokens_ >= 1) {
      tokens_ -= 1;
      ++accepted_;
      return true;
    }
    ++rejected_;
    return false;
  }

  const int n_;
  const steady_clock::duration window_;
  std::mutex mutex_;
  bool started_ = false;
  double tokens_ = 0;
  steady_clock::time_point last_;
  std::atomic<int> accepted_{0}, rejected_{0};
};

// Spawned coroutines are free functions with parameters by value: a lambda's captures would die
// with the closure before the coroutine runs.
asio::awaitable<void> take_in_turn(std::shared_ptr<http::rate_budget> b, steady_clock::time_point deadline, int i,
                                   std::vector<int>* order) {
  const std::error_code ec = co_await b->acquire(deadline);
  EXPECT_FALSE(ec);
  order->push_back(i);
}

asio::awaitable<void> take_and_stamp(std::shared_ptr<http::rate_budget> b, steady_clock::time_point deadline,
                                     std::mutex* mutex, std::vector<steady_clock::time_point>* granted) {
  const std::error_code ec = co_await b->acquire(deadline);
  EXPECT_FALSE(ec);
  std::lock_guard lock(*mutex);
  granted->push_back(steady_clock::now());
}

asio::awaitable<void> take_into(std::shared_ptr<http::rate_budget> b, steady_clock::time_point deadline,
                                std::error_code* out) {
  *out = co_await b->acquire(deadline);
}

asio::awaitable<void> call_counting_failures(std::shared_ptr<http::transport> transport,
                                             std::shared_ptr<http::rate_budget> budget, std::atomic<int>* failures) {
  try {
    co_await transport->send(api, http::request(http::verb::get, "/v1/x"), with_budget(budget));
  } catch (const error&) {
    ++*failures;
  }
}

}  // namespace

TEST(RateBudget, RejectsImpossibleSettings) {
  auto code_of = [](auto make) {
    try {
      make();
    } catch (const error& e) {
      return e.code();
    }
    return std::error_code();
  };
  EXPECT_EQ(code_of([] { http::rate_budget(0, seconds(1), 1); }), errc::invalid_argument);
  EXPECT_EQ(code_of([] { http::rate_budget(10, seconds(0), 5); }), errc::invalid_argument);
  EXPECT_EQ(code_of([] { http::rate_budget(10, seconds(1), 0); }), errc::invalid_argument);
  EXPECT_EQ(code_of([] { http::rate_budget(10, seconds(1), 11); }), errc::invalid_argument);
  EXPECT_EQ(code_of([] { http::rate_budget::per_minute(-1); }), errc::invalid_argument);
  EXPECT_EQ(http::rate_budget::default_burst(1000), 900);
  EXPECT_EQ(http::rate_budget::default_burst(5), 5);
  EXPECT_EQ(http::rate_budget::default_burst(1), 1);
  auto b = http::rate_budget::per_minute(1000);
  EXPECT_EQ(b->requests(), 1000);
  EXPECT_EQ(b->window(), minutes(1));
  EXPECT_EQ(b->burst(), 900);
}

TEST(RateBudget, GrantsTheBurstAtOnceThenPacesTheRest) {
  // 10 per 200 ms, 5 at once: the sixth to tenth tokens come 20 ms apart.
  http::rate_budget b(10, milliseconds(200), 5);
  const auto far = steady_clock::now() + seconds(30);
  const auto start = steady_clock::now();
  std::vector<steady_clock::time_point> granted;
  auto take_ten = [&]() -> asio::awaitable<void> {
    for (int i = 0; i < 10; ++i) {
      const std::error_code ec = co_await b.acquire(far);
      EXPECT_FALSE(ec);
      granted.push_back(steady_clock::now());
    }
  };
  flowsdk::test::run(take_ten());
  ASSERT_EQ(granted.size(), 10u);
  EXPECT_LT(granted[4] - start, milliseconds(15));  // the burst did not wait
  EXPECT_GE(granted[9] - start, milliseconds(99));  // five refills of 20 ms
  const auto s = b.stats();
  EXPECT_EQ(s.granted, 10u);
  EXPECT_EQ(s.delayed, 5u);
  EXPECT_EQ(s.queued, 0u);
  EXPECT_EQ(s.refused, 0u);
  EXPECT_GE(s.waited_total, milliseconds(5 * 19));
}

TEST(RateBudget, ServesWaitersInTheOrderTheyCame) {
  auto b = std::make_shared<http::rate_budget>(1, milliseconds(30), 1);
  asio::io_context io;
  std::vector<int> order;
  const auto far = steady_clock::now() + seconds(30);
  for (int i = 0; i < 12; ++i) asio::co_spawn(io, take_in_turn(b, far, i, &order), asio::detached);
  std::size_t peak_queue = 0;
  auto watch = [b, &peak_queue]() -> asio::awaitable<void> {
    co_await sleep_for(milliseconds(5));
    peak_queue = b->stats().queued;
  };
  asio::co_spawn(io, watch(), asio::detached);
  io.run();
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}));
  EXPECT_EQ(peak_queue, 11u);  // all but the first were queued at once
  EXPECT_EQ(b->stats().queued, 0u);
}

TEST(RateBudget, IsSharedByCoroutinesOnSeveralThreads) {
  // 40 acquisitions from 4 threads against 20 per 200 ms with a burst of 10: never more than
  // the bucket allows by any moment, and the last can come no sooner than 30 refills of 10 ms.
  auto b = std::make_shared<http::rate_budget>(20, milliseconds(200), 10);
  asio::io_context io;
  std::mutex mutex;
  std::vector<steady_clock::time_point> granted;
  const auto start = steady_clock::now();
  const auto far = start + seconds(30);
  for (int i = 0; i < 40; ++i) asio::co_spawn(io, take_and_stamp(b, far, &mutex, &granted), asio::detached);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) threads.emplace_back([&io] { io.run(); });
  for (auto& t : threads) t.join();
  ASSERT_EQ(granted.size(), 40u);
  std::sort(granted.begin(), granted.end());
  for (std::size_t k = 0; k < granted.size(); ++k) {
    // The (k+1)-th grant needs k+1 tokens: 10 from the burst, the rest refilled at 10 ms each.
    const auto earliest = start + milliseconds(10) * (static_cast<int>(k) + 1 - 10);
    EXPECT_GE(granted[k], earliest - milliseconds(1)) << "grant " << k;
  }
  const auto s = b->stats();
  EXPECT_EQ(s.granted, 40u);
  EXPECT_EQ(s.queued, 0u);
}

TEST(RateBudget, ADeadlineItsTurnWouldPassFailsAtOnceWithNothingSent) {
  auto net = std::make_shared<kit::fake_network>();
  auto transport = transport_over(net);
  auto budget = std::make_shared<http::rate_budget>(1, seconds(10), 1);
  flowsdk::test::run(transport->send(api, http::request(http::verb::get, "/v1/a"), with_budget(budget)));
  const auto start = steady_clock::now();
  try {
    flowsdk::test::run(
        transport->send(api, http::request(http::verb::get, "/v1/b"), with_budget(budget, milliseconds(200))));
    FAIL() << "expected a timeout";
  } catch (const error& e) {
    EXPECT_EQ(e.code(), errc::timeout);
    EXPECT_EQ(e.details().attempts, 0);
    EXPECT_NE(e.details().cause.find("request budget (1 per 10000 ms)"), std::string::npos) << e.details().cause;
    EXPECT_NE(e.details().cause.find("not sent"), std::string::npos);
  }
  EXPECT_LT(steady_clock::now() - start, milliseconds(150));  // did not sit out the deadline
  ASSERT_EQ(net->requests().size(), 1u);
  EXPECT_EQ(net->requests()[0].target, "/v1/a");
  EXPECT_EQ(budget->stats().refused, 1u);
  EXPECT_EQ(budget->stats().granted, 1u);
}

TEST(RateBudget, CancellingAQueuedCallSendsNothing) {
  auto net = std::make_shared<kit::fake_network>();
  auto transport = transport_over(net);
  auto budget = std::make_shared<http::rate_budget>(1, seconds(10), 1);
  asio::io_context io;
  flowsdk::test::run(io, transport->send(api, http::request(http::verb::post, "/v1/a"), with_budget(budget)));

  asio::cancellation_signal signal;
  std::exception_ptr outcome;
  bool done = false;
  asio::co_spawn(io, transport->send(api, http::request(http::verb::post, "/v1/b"), with_budget(budget)),
                 asio::bind_cancellation_slot(signal.slot(), [&](std::exception_ptr e, http::response) {
                   outcome = e;
                   done = true;
                 }));
  std::size_t queued_before_cancel = 0;
  auto canceller = [&]() -> asio::awaitable<void> {
    co_await sleep_for(milliseconds(20));
    queued_before_cancel = budget->stats().queued;
    signal.emit(asio::cancellation_type::terminal);
  };
  const auto start = steady_clock::now();
  asio::co_spawn(io, canceller(), asio::detached);
  io.restart();
  io.run();
  EXPECT_LT(steady_clock::now() - start, seconds(2));
  ASSERT_TRUE(done);
  ASSERT_TRUE(outcome);
  try {
    std::rethrow_exception(outcome);
  } catch (const error& e) {
    EXPECT_EQ(e.code(), errc::cancelled);
    EXPECT_EQ(e.details().attempts, 0);
    EXPECT_NE(e.details().cause.find("request budget"), std::string::npos) << e.details().cause;
  }
  EXPECT_EQ(queued_before_cancel, 1u);
  ASSERT_EQ(net->requests().size(), 1u);
  EXPECT_EQ(net->requests()[0].target, "/v1/a");
  const auto s = budget->stats();
  EXPECT_EQ(s.queued, 0u);
  EXPECT_EQ(s.refused, 1u);
  EXPECT_EQ(s.granted, 1u);
}

TEST(RateBudget, ACancelledWaitersTokenGoesBackOnlyWhenNobodyQueuedBehindIt) {
  // One token per second, burst 1. After the first token, waiter A's turn is at +1 s.
  auto b = std::make_shared<http::rate_budget>(1, seconds(1), 1);
  asio::io_context io;
  const auto t0 = steady_clock::now();
  ASSERT_FALSE(flowsdk::test::run(io, b->acquire(t0 + seconds(30))));

  asio::cancellation_signal cancel_a, cancel_b1, cancel_b2;
  std::error_code a_result, b1_result, b2_result, c_result, d_result;
  // A queues (turn +1 s), is cancelled; nobody is behind it, so D, queued afterwards with a
  // deadline of +1.5 s, gets A's turn instead of +2 s.
  asio::co_spawn(io, take_into(b, t0 + seconds(30), &a_result),
                 asio::bind_cancellation_slot(cancel_a.slot(), asio::detached));
  auto script = [&]() -> asio::awaitable<void> {
    co_await sleep_for(milliseconds(10));
    cancel_a.emit(asio::cancellation_type::terminal);
    co_await sleep_for(milliseconds(10));
    d_result = co_await b->acquire(t0 + milliseconds(1500));  // waits until +1 s
    // Now B1 (+2 s), B2 (+3 s) and C (+4 s) queue, and B1 and B2 are cancelled. C keeps its
    // turn, and E must not overtake it: had their tokens gone back, E's turn would be +3 s,
    // within its +3.5 s deadline; as it is, E's turn comes after C's, so it is refused at once.
    asio::co_spawn(io, take_into(b, t0 + seconds(30), &b1_result),
                   asio::bind_cancellation_slot(cancel_b1.slot(), asio::detached));
    asio::co_spawn(io, take_into(b, t0 + seconds(30), &b2_result),
                   asio::bind_cancellation_slot(cancel_b2.slot(), asio::detached));
    co_await sleep_for(milliseconds(10));
    asio::cancellation_signal cancel_c;
    asio::co_spawn(io, take_into(b, t0 + seconds(30), &c_result),
                   asio::bind_cancellation_slot(cancel_c.slot(), asio::detached));
    co_await sleep_for(milliseconds(10));
    cancel_b1.emit(asio::cancellation_type::terminal);
    cancel_b2.emit(asio::cancellation_type::terminal);
    co_await sleep_for(milliseconds(10));
    const std::error_code e_result = co_await b->acquire(t0 + milliseconds(3500));
    EXPECT_EQ(e_result, errc::timeout);
    cancel_c.emit(asio::cancellation_type::terminal);  // ends the test without waiting for +4 s
    co_await sleep_for(milliseconds(10));
  };
  flowsdk::test::run(io, script());
  EXPECT_EQ(a_result, errc::cancelled);
  EXPECT_FALSE(d_result) << d_result.message();
  EXPECT_EQ(b1_result, errc::cancelled);
  EXPECT_EQ(b2_result, errc::cancelled);
  EXPECT_EQ(c_result, errc::cancelled);
  EXPECT_LT(steady_clock::now() - t0, milliseconds(1900));
  const auto s = b->stats();
  EXPECT_EQ(s.granted, 2u);
  EXPECT_EQ(s.refused, 5u);  // A, B1, B2, C cancelled; E refused
  EXPECT_EQ(s.queued, 0u);
}

TEST(RateBudget, AWaiterWhoseIoContextGoesAwayLeavesTheQueue) {
  auto b = std::make_shared<http::rate_budget>(1, seconds(10), 1);
  ASSERT_FALSE(flowsdk::test::run(b->acquire(steady_clock::now() + seconds(1))));
  std::error_code never_set;
  {
    asio::io_context io;
    asio::co_spawn(io, take_into(b, steady_clock::now() + seconds(30), &never_set), asio::detached);
    io.run_for(milliseconds(20));
    EXPECT_EQ(b->stats().queued, 1u);
  }  // the waiting coroutine is destroyed with its io_context, never resumed
  EXPECT_FALSE(never_set);
  const auto s = b->stats();
  EXPECT_EQ(s.queued, 0u);
  EXPECT_EQ(s.refused, 1u);
  EXPECT_EQ(s.granted, 1u);
}

TEST(RateBudget, EveryRetryTakesAToken) {
  auto net = std::make_shared<kit::fake_network>();
  auto transport = transport_over(net);
  auto budget = std::make_shared<http::rate_budget>(3, seconds(10), 3);
  net->set_script({kit::reply::status(503), kit::reply::status(503), kit::reply::status(200)});
  auto r = flowsdk::test::run(transport->send(api, http::request(http::verb::get, "/v1/a"), with_budget(budget)));
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(net->requests().size(), 3u);
  EXPECT_EQ(budget->stats().granted, 3u);
  // The three tokens are spent: a fourth request has to wait, past its 100 ms deadline.
  try {
    flowsdk::test::run(
        transport->send(api, http::request(http::verb::get, "/v1/b"), with_budget(budget, milliseconds(100))));
    FAIL() << "expected a timeout";
  } catch (const error& e) {
    EXPECT_EQ(e.code(), errc::timeout);
  }
  EXPECT_EQ(net->requests().size(), 3u);
}

TEST(RateBudget, ARetryThatFindsNoTokenReportsTheAttemptsMade) {
  auto net = std::make_shared<kit::fake_network>();
  auto transport = transport_over(net);
  auto budget = std::make_shared<http::rate_budget>(1, seconds(10), 1);
  net->set_script({kit::reply::status(503)});
  try {
    flowsdk::test::run(
        transport->send(api, http::request(http::verb::get, "/v1/a"), with_budget(budget, milliseconds(300))));
    FAIL() << "expected a timeout";
  } catch (const error& e) {
    EXPECT_EQ(e.code(), errc::timeout);
    EXPECT_EQ(e.details().attempts, 1);
    EXPECT_NE(e.details().cause.find("request budget"), std::string::npos);
  }
  EXPECT_EQ(net->requests().size(), 1u);
}

TEST(RateBudget, KeepsABurstOfThreeTimesTheLimitFreeOf429s) {
  // The server allows 20 per 400 ms per key, as the emulator's bucket does; 60 calls start at
  // once on 4 threads. Without a budget most are refused; with one of the same rate, none.
  constexpr int n = 20;
  const auto window = milliseconds(400);
  auto burst = [&](std::shared_ptr<http::rate_budget> budget) {
    auto server = std::make_shared<bucket_sender>(n, window);
    auto transport = transport_over(server, 0);
    asio::io_context io;
    std::atomic<int> failures{0};
    for (int i = 0; i < 3 * n; ++i)
      asio::co_spawn(io, call_counting_failures(transport, budget, &failures), asio::detached);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) threads.emplace_back([&io] { io.run(); });
    for (auto& t : threads) t.join();
    EXPECT_EQ(server->accepted() + server->rejected(), 3 * n);
    EXPECT_EQ(failures.load(), server->rejected());
    return server->rejected();
  };
  EXPECT_GE(burst(nullptr), n);
  auto budget = std::make_shared<http::rate_budget>(n, window, http::rate_budget::default_burst(n));
  EXPECT_EQ(burst(budget), 0);
  EXPECT_EQ(budget->stats().granted, static_cast<std::uint64_t>(3 * n));
}

namespace {

tenex::client_options tenex_options(std::optional<int> requests_per_minute) {
  tenex::client_options o;
  o.base_url = "https://api.example.com/api/v1/flows";
  o.credentials = tenex::credentials::api_key("tnx_test_secret");
  o.requests_per_minute = requests_per_minute;
  return o;
}

}  // namespace

TEST(RateBudget, ATenexClientSharesOneBudgetAcrossItsCopiesAndReportsIt) {
  auto net = std::make_shared<kit::fake_network>();
  const auto o = tenex_options(2);  // a burst of 2, then one token every 30 s
  tenex::client client(std::make_shared<http::transport>(net, o.transport), o);
  const tenex::client copy = client;
  const std::string workflow = R"({"id":"wf_1","name":"Nurture","status":"active"})";
  net->set_script(
      {kit::reply::status(200, workflow), kit::reply::status(200, workflow), kit::reply::status(200, workflow)});
  flowsdk::test::run(client.workflows().get("wf_1"));
  flowsdk::test::run(copy.workflows().get("wf_1"));
  request_options short_call;
  short_call.timeout = milliseconds(100);
  try {
    flowsdk::test::run(copy.workflows().get("wf_1", short_call));
    FAIL() << "expected a timeout";
  } catch (const error& e) {
    EXPECT_EQ(e.code(), errc::timeout);
    EXPECT_EQ(e.details().attempts, 0);
    EXPECT_NE(e.details().cause.find("request budget (2 per 60000 ms)"), std::string::npos) << e.details().cause;
  }
  ASSERT_EQ(net->requests().size(), 2u);
  // A call's own budget replaces the client's.
  request_options own;
  own.budget = std::make_shared<http::rate_budget>(1, seconds(1), 1);
  flowsdk::test::run(client.workflows().get("wf_1", own));
  ASSERT_EQ(net->requests().size(), 3u);
  for (const auto& r : net->requests()) EXPECT_EQ(flowsdk::test::validate_tenex_request(r), "") << r.target;

  const auto stats = client.stats();
  ASSERT_TRUE(stats.budget);
  EXPECT_EQ(stats.budget->granted, 2u);
  EXPECT_EQ(stats.budget->refused, 1u);
  EXPECT_EQ(stats.budget->queued, 0u);
  EXPECT_EQ(own.budget->stats().granted, 1u);
}

TEST(RateBudget, ATenexClientHasNoBudgetUnlessAsked) {
  auto net = std::make_shared<kit::fake_network>();
  const auto o = tenex_options(std::nullopt);
  tenex::client client(std::make_shared<http::transport>(net, o.transport), o);
  EXPECT_FALSE(client.stats().budget);
  const auto bad = tenex_options(0);
  try {
    tenex::client refused(std::make_shared<http::transport>(net, bad.transport), bad);
    FAIL() << "expected invalid_argument";
  } catch (const error& e) {
    EXPECT_EQ(e.code(), errc::invalid_argument);
  }
}
