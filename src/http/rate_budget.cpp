#include "flowsdk/http/rate_budget.hpp"

#include "flowsdk/core/error.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <mutex>

namespace flowsdk::http {

namespace asio = boost::asio;
using steady_clock = std::chrono::steady_clock;

// The bucket's level may go below zero: each queued waiter has taken a token it is owed, and the
// level climbs back at the refill rate, so the k-th waiter's turn is when it reaches zero again.
struct rate_budget::state {
  state(int n, steady_clock::duration w, int b)
      : requests(n),
        window(w),
        burst(b),
        per_tick(static_cast<double>(n) / static_cast<double>(w.count())),
        level(b),
        last(steady_clock::now()) {}

  const int requests;
  const steady_clock::duration window;
  const int burst;
  const double per_tick;  ///< tokens per steady_clock tick

  std::mutex mutex;
  double level;                   ///< tokens available; negative: owed to the queue
  steady_clock::time_point last;  ///< when `level` was computed
  std::uint64_t newest = 0;       ///< ticket of the most recent reservation
  rate_budget_stats counters;

  void refill(steady_clock::time_point now) {
    if (now <= last) return;
    level = std::min(static_cast<double>(burst), level + static_cast<double>((now - last).count()) * per_tick);
    last = now;
  }

  // A queued waiter leaves: its turn came (granted), or it was cancelled.
  void leave(std::uint64_t ticket, bool granted, steady_clock::time_point queued_at) {
    const auto now = steady_clock::now();
    std::lock_guard lock(mutex);
    --counters.queued;
    if (granted) {
      ++counters.granted;
      ++counters.delayed;
      counters.waited_total += std::chrono::duration_cast<std::chrono::milliseconds>(now - queued_at);
      return;
    }
    // The token goes back only if nobody reserved after it: their turns are fixed, and with two
    // tokens returned from the middle of the queue a newcomer's turn would come before theirs.
    ++counters.refused;
    if (ticket == newest) {
      refill(now);
      level = std::min(static_cast<double>(burst), level + 1);
      --newest;
    }
  }
};

namespace {

// What acquire decided under the lock.
struct reservation {
  std::error_code refused;
  steady_clock::time_point turn;  ///< when the token is ours; <= now: at once
  std::uint64_t ticket = 0;
};

}  // namespace

rate_budget::rate_budget(int requests, steady_clock::duration window, int burst) {
  if (requests < 1) throw_invalid_argument("a request budget needs at least 1 request per window");
  if (window <= steady_clock::duration::zero()) throw_invalid_argument("a request budget's window must be positive");
  if (burst < 1 || burst > requests) throw_invalid_argument("a request budget's burst must be within 1..requests");
  state_ = std::make_shared<state>(requests, window, burst);
}

std::shared_ptr<rate_budget> rate_budget::per_minute(int requests) {
  return std::make_shared<rate_budget>(requests, std::chrono::minutes(1), default_burst(requests));
}

int rate_budget::default_burst(int requests) noexcept { return std::max(1, requests - requests / 10); }

asio::awaitable<std::error_code> rate_budget::acquire(steady_clock::time_point deadline) const {
  // Not a coroutine itself: the state is copied now, so the wait outlives this handle.
  return wait_for_token(state_, deadline);
}

asio::awaitable<std::error_code> rate_budget::wait_for_token(std::shared_ptr<state> st,
                                                             steady_clock::time_point deadline) {
  const auto queued_at = steady_clock::now();
  reservation r;
  {
    std::lock_guard lock(st->mutex);
    st->refill(queued_at);
    if (st->level >= 1) {
      r.turn = queued_at;
    } else {
      const double ticks = std::ceil((1 - st->level) / st->per_tick);
      r.turn = queued_at + steady_clock::duration(static_cast<steady_clock::rep>(ticks));
    }
    if (r.turn > deadline) {
      ++st->counters.refused;
      r.refused = errc::timeout;
    } else {
      st->level -= 1;
      r.ticket = ++st->newest;
      if (r.turn > queued_at) {
        ++st->counters.queued;
      } else {
        ++st->counters.granted;
      }
    }
  }
  if (r.refused) co_return r.refused;
  if (r.turn <= queued_at) co_return std::error_code();

  // Leaves the queue however the wait ends, also when the coroutine is destroyed without being
  // resumed (its io_context stopped): then as if cancelled.
  struct place_in_queue {
    std::shared_ptr<state> st;
    std::uint64_t ticket;
    steady_clock::time_point queued_at;
    bool left = false;
    void leave(bool granted) {
      left = true;
      st->leave(ticket, granted, queued_at);
    }
    ~place_in_queue() {
      if (!left) st->leave(ticket, false, queued_at);
    }
  };
  place_in_queue place{st, r.ticket, queued_at};

  asio::steady_timer timer(co_await asio::this_coro::executor, r.turn);
  boost::system::error_code ec;
  try {
    const auto [waited] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    ec = waited;
  } catch (const boost::system::system_error& e) {
    // A cancellation that arrived before the wait began: the coroutine throws instead.
    ec = e.code();
  }
  place.leave(!ec);
  co_return ec ? make_error_code(errc::cancelled) : std::error_code();
}

rate_budget_stats rate_budget::stats() const {
  std::lock_guard lock(state_->mutex);
  return state_->counters;
}

int rate_budget::requests() const noexcept { return state_->requests; }
steady_clock::duration rate_budget::window() const noexcept { return state_->window; }
int rate_budget::burst() const noexcept { return state_->burst; }

}  // namespace flowsdk::http
