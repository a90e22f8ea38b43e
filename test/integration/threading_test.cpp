// One client called from every thread of a four-thread io_context, with plain co_spawn and no
// strands, against a server that stalls, resets, truncates and answers 503. Before connections
// had strands of their own, this lost timeouts (calls failed with errc::cancelled though nothing
// cancelled them) and ThreadSanitizer reported races in Beast's timeout handling; CI runs it
// under ThreadSanitizer.
#include "flowsdk/flowsdk.hpp"

#include "support/emulated.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_future.hpp>

#include <atomic>
#include <map>
#include <mutex>

using namespace flowsdk;
using namespace std::chrono_literals;
namespace asio = boost::asio;
namespace im = flowsdk::imbrace;
using steady_clock = std::chrono::steady_clock;

namespace {

constexpr int threads = 4;
constexpr int coroutines = 64;
constexpr int calls_each = 6;

emulator::server_options faulty_server() {
  auto o = flowsdk::test::quick_emulator();
  o.rates.status_503 = 0.04;
  o.rates.reset = 0.03;
  o.rates.stall = 0.03;
  o.rates.truncated = 0.03;
  o.rates.stall_for = 2500ms;  // past the attempt timeout: a stall is a timeout, then a retry
  return o;
}

// What the calls ended in, from every thread.
struct tally {
  std::mutex mutex;
  std::map<std::string, int> outcomes;  // "ok" or the errc's message
  steady_clock::duration longest_overshoot{0};

  void add(const std::string& outcome, steady_clock::duration overshoot) {
    std::lock_guard lock(mutex);
    ++outcomes[outcome];
    longest_overshoot = std::max(longest_overshoot, overshoot);
  }
  int count(const std::string& outcome) {
    std::lock_guard lock(mutex);
    return outcomes[outcome];
  }
};

asio::awaitable<void> caller(im::workflows wf, std::string run_id, std::chrono::milliseconds deadline,
                             std::shared_ptr<tally> out) {
  for (int i = 0; i < calls_each; ++i) {
    request_options per_call;
    per_call.timeout = deadline;
    const auto start = steady_clock::now();
    std::string outcome = "ok";
    try {
      auto r = co_await wf.get_run(run_id, per_call);
      if (r.id != run_id) outcome = "wrong run";
    } catch (const flowsdk::error& e) {
      outcome = e.code().message();
    }
    out->add(outcome, steady_clock::now() - start - deadline);
  }
}

TEST(NoStrands, FaultsOnFourThreadsEndInTypedErrorsNeverInCancelled) {
  emulator::background_server faulty(faulty_server());
  std::string run_id;  // a run to look up; the listing is retried past the faults
  {
    asio::io_context setup;
    auto o = flowsdk::test::imbrace_options_for(faulty.get());
    o.transport.timeouts.attempt = 300ms;
    o.transport.retry.initial_backoff = 1ms;
    o.transport.retry.max_retries = 20;
    im::client c(setup.get_executor(), o);
    auto runs = c.workflows().list_runs();
    run_id = flowsdk::test::run(setup, runs.next())->id;
  }

  asio::thread_pool pool(threads);
  auto o = flowsdk::test::imbrace_options_for(faulty.get());
  o.transport.timeouts.attempt = 800ms;
  o.transport.retry.initial_backoff = 5ms;
  o.transport.retry.max_retries = 4;
  o.transport.pool.max_connections_per_origin = 16;  // callers also wait for connections
  const auto deadline = 5s;
  auto results = std::make_shared<tally>();
  {
    im::client client(pool.get_executor(), o);
    std::vector<std::future<void>> done;
    for (int i = 0; i < coroutines; ++i) {
      done.push_back(asio::co_spawn(pool, caller(client.workflows(), run_id, deadline, results), asio::use_future));
    }
    for (auto& f : done) f.get();
    const auto stats = client.pool_stats();
    EXPECT_EQ(stats.in_use, 0u);
    EXPECT_EQ(stats.waiting, 0u);
    EXPECT_LE(stats.open, 16u);
  }
  pool.join();

  std::string summary;
  int total = 0;
  for (const auto& [what, n] : results->outcomes) {
    summary += what + ": " + std::to_string(n) + "; ";
    total += n;
  }
  EXPECT_EQ(total, coroutines * calls_each) << summary;
  EXPECT_EQ(results->count(make_error_code(errc::cancelled).message()), 0) << summary;
  EXPECT_EQ(results->count("wrong run"), 0) << summary;
  // Under ThreadSanitizer on a loaded machine many attempts time out; some calls must get through.
  EXPECT_GT(results->count("ok"), total / 8) << summary;
  // Every call ended by its deadline, give or take the scheduling of a loaded machine (a shared
  // CI machine deschedules a process for hundreds of milliseconds at times).
  EXPECT_LT(results->longest_overshoot, 1000ms) << summary;
  EXPECT_GT(faulty->stats().faults_injected, 0u);
}

// A stream closed from another thread while its read is pending on this one.
asio::awaitable<void> read_until_closed(http::response_stream& s, std::atomic<bool>* reading) {
  reading->store(true);
  for (;;) {
    const std::string_view piece = co_await s.read_some();  // named: see docs/coroutine-hazards.md
    if (piece.empty()) co_return;
  }
}

TEST(NoStrands, AStreamClosedFromAnotherThreadEndsItsPendingRead) {
  emulator::background_server emu(flowsdk::test::quick_emulator());
  asio::thread_pool pool(threads);
  http::transport_options o;
  o.tls.ca_pem = emu->ca_pem();
  http::transport transport(pool.get_executor(), o);
  const auto to = http::base_url::parse(emu->base_url()).origin;
  for (int round = 0; round < 20; ++round) {
    // A long event stream that sends a tick every 50 ms.
    http::request req(http::verb::get, "/_emulator/v1/events?count=100000&interval_ms=50");
    auto stream = asio::co_spawn(pool, transport.open(to, req), asio::use_future).get();
    std::atomic<bool> reading{false};
    auto reader = asio::co_spawn(pool, read_until_closed(stream, &reading), asio::use_future);
    while (!reading.load()) std::this_thread::yield();
    std::this_thread::sleep_for(std::chrono::milliseconds(round % 4 * 20));  // before and during reads
    stream.close();
    ASSERT_EQ(reader.wait_for(5s), std::future_status::ready);
    reader.get();
    EXPECT_TRUE(stream.finished());
  }
  // Every stream's connection was closed, none is leased.
  const auto stats = transport.stats();
  EXPECT_EQ(stats.in_use, 0u);
  EXPECT_EQ(stats.idle, 0u);
}

}  // namespace
