// The driver: keeps `concurrency` calls in flight, each spawned on the io_context itself (no
// strand, so that with several threads the SDK must be safe on its own), times each against its
// deadline, then reads back what was created with the emulator's faults held off.
#include "driver.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_future.hpp>

#include <climits>
#include <future>
#include <thread>

namespace flowsdk::soak {

using std::chrono::steady_clock;

std::string progress::describe() {
  std::lock_guard lock(mutex);
  return phase + ", " + std::to_string(calls_finished.load()) + " calls finished";
}

std::size_t pick(std::mt19937_64& rng, std::initializer_list<unsigned> weights) {
  unsigned total = 0;
  for (auto w : weights) total += w;
  auto u = std::uniform_int_distribution<unsigned>(0, total - 1)(rng);
  std::size_t i = 0;
  for (auto w : weights) {
    if (u < w) return i;
    u -= w;
    ++i;
  }
  return i - 1;
}

namespace {

/// The calls of one vendor in flight: each one's completion starts the next.
struct run_state {
  run_state(const workload& w, const settings& s, asio::io_context& io, progress& pr) : w(w), s(s), io(io), pr(pr) {}

  const workload& w;
  const settings& s;
  asio::io_context& io;
  progress& pr;
  std::atomic<std::uint64_t> next{0};
  std::atomic<std::uint64_t> finished{0};
  std::promise<void> done;
  std::mutex mutex;
  tally t;

  void record(call_outcome o) {
    std::lock_guard lock(mutex);
    t.add(std::move(o), s.deadline, s.tolerance);
  }
};

asio::awaitable<void> one_call(std::shared_ptr<run_state> st, std::uint64_t seq) {
  std::seed_seq ss{st->s.seed, seq};
  std::mt19937_64 rng(ss);
  const auto start = steady_clock::now();
  request_options o;
  o.deadline = start + st->s.deadline;
  o.attempt_timeout = st->s.attempt_timeout;
  call c = st->w.make_call(seq, rng, std::move(o));

  call_outcome out;
  out.kind = c.kind;
  out.nonce = std::move(c.nonce);
  out.resend_safe = c.resend_safe;
  try {
    out.id = co_await std::move(c.run);
  } catch (const flowsdk::error& e) {
    out.error = e;
  } catch (const boost::system::system_error& e) {
    out.untyped = e.what();
    out.asio_cancelled = e.code() == asio::error::operation_aborted;
  } catch (const std::exception& e) {
    out.untyped = e.what();
  } catch (...) {
    out.untyped = "an exception not derived from std::exception";
  }
  out.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(steady_clock::now() - start);
  st->record(std::move(out));
}

void launch_next(std::shared_ptr<run_state> st) {
  const auto seq = st->next.fetch_add(1);
  if (seq >= st->s.calls) return;
  auto c = one_call(st, seq);
  asio::co_spawn(st->io, std::move(c), [st](std::exception_ptr e) {
    // one_call catches everything; an exception here would come from the tool itself.
    if (e) std::rethrow_exception(e);
    launch_next(st);
    st->pr.calls_finished.fetch_add(1);
    if (st->finished.fetch_add(1) + 1 == st->s.calls) st->done.set_value();
  });
}

/// Runs `f()` on the io_context and waits for it: the transport is touched only from there.
template <class F>
auto on_io(asio::io_context& io, F f) {
  return asio::post(io, asio::use_future(std::move(f))).get();
}

http::transport_options transport_for(const settings& s, emulator::server& emu) {
  http::transport_options t;
  t.tls.ca_pem = emu.ca_pem();
  t.timeouts.attempt = s.attempt_timeout;
  t.timeouts.total = s.deadline;
  // Short backoffs so that a retry fits in a deadline of a few attempts.
  t.retry.max_retries = 3;
  t.retry.initial_backoff = milliseconds(20);
  t.retry.max_backoff = milliseconds(200);
  return t;
}

/// Answers every request normally (a 1 ms "stall" is a plain answer) while it is alive: the
/// emulator has no switch for its random faults, and a scripted rule comes first.
class faults_held_off {
 public:
  explicit faults_held_off(emulator::server& emu) : emu_(emu) {
    emulator::fault_rule none;
    none.what.kind = emulator::fault_kind::stall;
    none.what.stall_for = milliseconds(1);
    none.times = INT_MAX;
    emu_.inject(none);
  }
  ~faults_held_off() { emu_.clear_faults(); }
  faults_held_off(const faults_held_off&) = delete;
  faults_held_off& operator=(const faults_held_off&) = delete;

 private:
  emulator::server& emu_;
};

}  // namespace

report soak(const vendor& v, const settings& s, emulator::server& emu, asio::io_context& io, progress& pr) {
  report r;
  r.vendor = v.name;
  r.config = s;
  const auto started = steady_clock::now();

  auto transport = std::make_shared<http::transport>(io.get_executor(), transport_for(s, emu));
  const std::weak_ptr<http::transport> watch = transport;
  auto w = v.make(environment{transport, emu, "soak-" + std::string(v.name) + "-" + std::to_string(s.seed) + "-"});

  pr.enter(std::string(v.name) + ": calls");
  const auto before = emu.stats();
  auto st = std::make_shared<run_state>(*w, s, io, pr);
  auto done = st->done.get_future();
  if (s.calls == 0) st->done.set_value();
  for (std::size_t i = 0; i < s.concurrency; ++i) launch_next(st);
  done.get();  // the watchdog ends the process if this never comes
  const auto after = emu.stats();
  r.requests = after.requests_served - before.requests_served;
  r.faults = after.faults_injected - before.faults_injected;
  r.pool_after_calls = on_io(io, [&transport] { return transport->stats(); });
  {
    std::lock_guard lock(st->mutex);
    r.calls = std::move(st->t);
  }

  pr.enter(std::string(v.name) + ": reading back");
  {
    faults_held_off quiet(emu);
    request_options o;
    o.timeout = std::chrono::seconds(60);
    o.attempt_timeout = std::chrono::seconds(10);
    o.max_retries = 5;
    try {
      // On a strand: the read-back is the judge, not under test.
      auto found = asio::co_spawn(asio::make_strand(io), w->read_back(o), asio::use_future).get();
      r.effects = match(r.calls.creates, found);
    } catch (const std::exception& e) {
      r.read_back_error = e.what();
    }
  }

  // Destroy the client on the io_context, then give closing sockets a moment to let go of it.
  pr.enter(std::string(v.name) + ": closing");
  on_io(io, [&w, &transport] {
    w.reset();
    transport.reset();
  });
  for (int i = 0; i < 200 && !watch.expired(); ++i) std::this_thread::sleep_for(milliseconds(10));
  r.transport_released = watch.expired();
  r.wall_seconds = std::chrono::duration<double>(steady_clock::now() - started).count();
  return r;
}

}  // namespace flowsdk::soak
