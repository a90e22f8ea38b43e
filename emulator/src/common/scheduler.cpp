#include "common/scheduler.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>

#include <vector>

namespace flowsdk::emulator::detail {

namespace asio = boost::asio;

scheduler::scheduler(asio::any_io_executor ex) : strand_(asio::make_strand(ex)), timer_(strand_) {}

epoch_ms scheduler::now() const {
  std::lock_guard lock(mutex_);
  return now_ms() + offset_;
}

void scheduler::at(epoch_ms when, task t) {
  bool earliest = false;
  {
    std::lock_guard lock(mutex_);
    if (stopped_) return;
    earliest = tasks_.empty() || when < tasks_.begin()->first;
    tasks_.emplace(when, std::move(t));
  }
  if (earliest) asio::post(strand_, [self = shared_from_this()] { self->rearm(); });
}

void scheduler::advance(std::chrono::milliseconds d) {
  {
    std::lock_guard lock(mutex_);
    offset_ += d.count();
  }
  run_due();
  asio::post(strand_, [self = shared_from_this()] { self->rearm(); });
}

void scheduler::run_due() {
  std::vector<task> due;
  {
    std::lock_guard lock(mutex_);
    const auto now = now_ms() + offset_;
    const auto end = tasks_.upper_bound(now);
    for (auto it = tasks_.begin(); it != end; ++it) due.push_back(std::move(it->second));
    tasks_.erase(tasks_.begin(), end);
  }
  for (auto& t : due) t();
}

void scheduler::rearm() {
  epoch_ms wait = 0;
  {
    std::lock_guard lock(mutex_);
    if (stopped_ || tasks_.empty()) {
      timer_.cancel();
      return;
    }
    // +1 ms: the system clock that virtual time follows and the steady clock of the timer may
    // disagree by a fraction of a millisecond; an early expiry would only re-arm, though.
    wait = std::max<epoch_ms>(0, tasks_.begin()->first - (now_ms() + offset_)) + 1;
  }
  timer_.expires_after(std::chrono::milliseconds(wait));
  timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
    if (ec) return;  // re-armed or stopped
    self->run_due();
    self->rearm();
  });
}

void scheduler::stop() {
  std::multimap<epoch_ms, task> dropped;  // destroyed outside the lock: tasks may own vendors
  {
    std::lock_guard lock(mutex_);
    if (stopped_) return;
    stopped_ = true;
    dropped.swap(tasks_);
  }
  asio::post(strand_, [self = shared_from_this()] { self->timer_.cancel(); });
}

}  // namespace flowsdk::emulator::detail
