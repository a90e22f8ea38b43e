#pragma once
// The emulator's one clock, and the timed work of every vendor on it.
//
// Virtual time is the system clock plus an offset that only advance() grows: left alone it follows
// real time, so a client that waits sees runs finish; a test that does not want to wait jumps it
// forward and the due work runs before advance() returns.

#include "common/util.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>

namespace flowsdk::emulator::detail {

class scheduler : public std::enable_shared_from_this<scheduler> {
 public:
  using task = std::function<void()>;

  explicit scheduler(boost::asio::any_io_executor ex);

  /// Virtual now, in the unit of every stored timestamp. Thread-safe.
  epoch_ms now() const;

  /// Runs `t` once, when virtual time reaches `when`: on a strand of the executor, or inside
  /// advance(). Never under the scheduler's lock, so `t` may call at() again. Thread-safe.
  void at(epoch_ms when, task t);

  /// Moves virtual time forward by `d`, then runs every task that fell due. Thread-safe.
  void advance(std::chrono::milliseconds d);

  /// Drops every pending task (and what it holds) and ignores later ones. Idempotent.
  void stop();

 private:
  void run_due();
  void rearm();  // on strand_

  boost::asio::any_io_executor strand_;
  boost::asio::steady_timer timer_;  // only touched on strand_

  mutable std::mutex mutex_;  // guards the members below
  epoch_ms offset_ = 0;
  std::multimap<epoch_ms, task> tasks_;  // by due time; equal times in order of at()
  bool stopped_ = false;
};

}  // namespace flowsdk::emulator::detail
