// The observer against the emulator over TLS: the pool's events (connect and TLS handshake on
// the first call, reuse on the next, eviction of an idle connection past its timeout, a close
// after a reset) and the attempt events of a retried call, and every hook on the caller's
// strand when calls come from four threads.
#include "flowsdk/flowsdk.hpp"
#include "flowsdk/http/observer.hpp"

#include "support/emulated.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_future.hpp>

#include <atomic>
#include <future>
#include <mutex>
#include <thread>

using namespace flowsdk;
using namespace std::chrono_literals;
namespace asio = boost::asio;
namespace im = flowsdk::imbrace;
using kind = http::pool_event::event_kind;
using decision = http::attempt_event::decision_kind;

namespace {

struct seen_pool_event {
  kind what;
  std::string reason;
  std::error_code error;
  std::chrono::microseconds duration;
  std::uint64_t uses;
};

// Everything observed, as one sequence of short names ("connect", "tls_handshake", "reuse",
// "evict", "close", "attempt") and the details of each.
class recorder : public http::observer {
 public:
  void on_attempt(const http::attempt_event& e) override {
    std::lock_guard lock(mutex);
    sequence.push_back("attempt");
    attempts.push_back({e.decision, std::string(e.reason), e.status, e.error});
  }
  void on_pool_event(const http::pool_event& e) override {
    static const char* names[] = {"connect", "tls_handshake", "reuse", "evict", "close"};
    std::lock_guard lock(mutex);
    sequence.push_back(names[static_cast<int>(e.kind)]);
    pool.push_back({e.kind, std::string(e.reason), e.error, e.duration, e.uses});
  }
  std::vector<std::string> take() {
    std::lock_guard lock(mutex);
    auto s = std::move(sequence);
    sequence.clear();
    return s;
  }
  struct seen_attempt {
    decision verdict;
    std::string reason;
    unsigned status;
    std::error_code error;
  };
  std::mutex mutex;
  std::vector<std::string> sequence;
  std::vector<seen_attempt> attempts;
  std::vector<seen_pool_event> pool;
};

class Observer : public flowsdk::test::emulated_test {
 protected:
  im::client observed(std::chrono::milliseconds idle_timeout = 30s) {
    auto o = flowsdk::test::imbrace_options_for(emu.get());
    o.transport.retry.initial_backoff = 10ms;
    o.transport.pool.idle_timeout = idle_timeout;
    o.transport.observer = seen;
    return make_client(o);
  }
  std::shared_ptr<recorder> seen = std::make_shared<recorder>();
};

using strings = std::vector<std::string>;

TEST_F(Observer, TheFirstCallConnectsAndHandshakesTheNextReuses) {
  auto c = observed();
  auto runs = c.workflows().list_runs();
  auto first = run(runs.next());
  ASSERT_TRUE(first);
  EXPECT_EQ(seen->take(), (strings{"connect", "tls_handshake", "attempt"}));
  ASSERT_GE(seen->pool.size(), 2u);
  EXPECT_FALSE(seen->pool[0].error);
  EXPECT_GT(seen->pool[0].duration.count(), 0);
  EXPECT_GT(seen->pool[1].duration.count(), 0);

  run(c.workflows().get_run(first->id));
  EXPECT_EQ(seen->take(), (strings{"reuse", "attempt"}));
  EXPECT_EQ(seen->pool.back().uses, 1u);
  EXPECT_EQ(seen->attempts.back().verdict, decision::succeeded);
}

TEST_F(Observer, AnIdleConnectionPastItsTimeoutIsEvicted) {
  auto c = observed(150ms);
  auto id = run(c.workflows().list_runs().next())->id;
  seen->take();
  std::this_thread::sleep_for(250ms);
  run(c.workflows().get_run(id));
  EXPECT_EQ(seen->take(), (strings{"evict", "connect", "tls_handshake", "attempt"}));
  EXPECT_EQ(seen->pool.at(seen->pool.size() - 3).reason, "idle_timeout");
}

TEST_F(Observer, ARetriedCallReportsEachAttemptAndTheClosedConnection) {
  const auto id = run(wf.list_runs().next())->id;  // on the unobserved client
  auto c = observed();
  emulator::fault_rule rule;
  rule.method = "GET";
  rule.path_prefix = "/activepieces/v1/flow-runs/";
  rule.what.kind = emulator::fault_kind::reset_before_response;
  emu->inject(rule);
  rule.what.kind = emulator::fault_kind::http_status;
  rule.what.status = 503;
  emu->inject(rule);
  run(c.workflows().get_run(id));
  EXPECT_EQ(seen->take(), (strings{"connect", "tls_handshake", "close", "attempt", "connect", "tls_handshake",
                                   "attempt", "reuse", "attempt"}));
  ASSERT_EQ(seen->attempts.size(), 3u);
  EXPECT_EQ(seen->attempts[0].error, errc::connection_lost);
  EXPECT_EQ(seen->attempts[0].reason, "connection_lost");
  EXPECT_EQ(seen->attempts[0].verdict, decision::will_retry);
  EXPECT_EQ(seen->pool.at(2).reason, "connection_lost");
  EXPECT_EQ(seen->attempts[1].status, 503u);
  EXPECT_EQ(seen->attempts[1].reason, "503");
  EXPECT_EQ(seen->attempts[1].verdict, decision::will_retry);
  EXPECT_EQ(seen->attempts[2].verdict, decision::succeeded);
}

TEST_F(Observer, AStaleReusedConnectionIsClosedAndReplacedWithinOneAttempt) {
  auto c = observed();
  auto id = run(c.workflows().list_runs().next())->id;
  seen->take();
  emulator::fault_rule rule;
  rule.method = "GET";
  rule.path_prefix = "/activepieces/v1/flow-runs/";
  rule.what.kind = emulator::fault_kind::reset_before_response;
  emu->inject(rule);
  run(c.workflows().get_run(id));
  EXPECT_EQ(seen->take(), (strings{"reuse", "close", "connect", "tls_handshake", "attempt"}));
  EXPECT_EQ(seen->pool.at(seen->pool.size() - 3).reason, "stale");
  EXPECT_EQ(seen->attempts.back().verdict, decision::succeeded);
}

// Checks that every hook runs on one of the callers' strands, never on a connection's.
class strand_checker : public http::observer {
 public:
  explicit strand_checker(std::vector<asio::strand<asio::thread_pool::executor_type>> s) : strands(std::move(s)) {}
  void on_attempt(const http::attempt_event&) override { check(); }
  void on_pool_event(const http::pool_event&) override { check(); }
  void check() {
    ++calls;
    for (const auto& s : strands) {
      if (s.running_in_this_thread()) return;
    }
    ++off_strand;
  }
  std::vector<asio::strand<asio::thread_pool::executor_type>> strands;
  std::atomic<int> calls{0};
  std::atomic<int> off_strand{0};
};

TEST_F(Observer, EveryHookRunsOnTheCallersStrandWithCallsFromFourThreads) {
  const auto id = run(wf.list_runs().next())->id;
  asio::thread_pool pool(4);
  std::vector<asio::strand<asio::thread_pool::executor_type>> strands;
  for (int i = 0; i < 16; ++i) strands.push_back(asio::make_strand(pool.get_executor()));
  auto checker = std::make_shared<strand_checker>(strands);
  auto o = flowsdk::test::imbrace_options_for(emu.get());
  o.transport.observer = checker;
  o.transport.pool.max_connections_per_origin = 4;  // waiting, reuse and new connections all happen
  {
    im::client c(pool.get_executor(), o);
    auto lookups = [](im::workflows w, std::string id) -> asio::awaitable<void> {
      for (int i = 0; i < 4; ++i) co_await w.get_run(id);
    };
    std::vector<std::future<void>> done;
    for (auto& s : strands) done.push_back(asio::co_spawn(s, lookups(c.workflows(), id), asio::use_future));
    for (auto& d : done) d.get();
  }
  pool.join();
  EXPECT_GE(checker->calls.load(), 16 * 4 + 4 * 2);  // every attempt, the connects and handshakes
  EXPECT_EQ(checker->off_strand.load(), 0);
}

}  // namespace
