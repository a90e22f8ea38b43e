#pragma once
// Runs a piece of a request on a connection's strand and comes back to the caller's executor.
//
// Why not co_spawn with use_awaitable alone: co_spawn forwards the caller's cancellation by
// queueing an emit onto the strand that points into the caller's cancellation slot, which the
// caller clears as soon as the work completes; an emit still queued then would touch freed
// memory. Here the signal lives in a shared relay that every queued emit keeps alive.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/cancellation_state.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <memory>

namespace flowsdk::http::detail {

/// The caller's cancellation, carried onto a strand: emitted there only.
struct cancellation_relay {
  boost::asio::cancellation_signal signal;
};

// The work, with every cancellation type let through: the caller's own filter already chose.
template <class T, class Executor>
boost::asio::awaitable<T, Executor> relayed(boost::asio::awaitable<T, Executor> work) {
  co_await boost::asio::this_coro::reset_cancellation_state(boost::asio::enable_total_cancellation());
  co_return co_await std::move(work);
}

// run_on's path when the caller can be cancelled: the relay, and a coroutine to hold it.
template <class T, class Strand, class WorkExecutor>
boost::asio::awaitable<T> run_relayed_on(Strand strand, boost::asio::awaitable<T, WorkExecutor> work,
                                         boost::asio::cancellation_slot caller_slot) {
  namespace asio = boost::asio;
  auto relay = std::make_shared<cancellation_relay>();
  caller_slot.assign([relay, strand](asio::cancellation_type type) {
    asio::post(strand, [relay, type] { relay->signal.emit(type); });
  });
  auto token = asio::bind_cancellation_slot(relay->signal.slot(), asio::use_awaitable);
  co_return co_await asio::co_spawn(strand, relayed(std::move(work)), token);
}

/// Awaits `work` on `strand`; the caller resumes on its own executor with the result or the
/// exception. Cancellation of the caller reaches `work` on the strand. `work` may be typed by
/// the strand itself (connection.hpp's on_strand), which spares it a type-erased executor.
///
/// `caller_slot` is the awaiting coroutine's slot (`(co_await this_coro::cancellation_state).slot()`).
/// Not a coroutine itself: when nothing can cancel the caller, this is a plain co_spawn, and a
/// request pays for no frame of its own here.
template <class T, class Strand, class WorkExecutor>
boost::asio::awaitable<T> run_on(Strand strand, boost::asio::awaitable<T, WorkExecutor> work,
                                 boost::asio::cancellation_slot caller_slot) {
  if (!caller_slot.is_connected()) return boost::asio::co_spawn(strand, std::move(work), boost::asio::use_awaitable);
  return run_relayed_on(std::move(strand), std::move(work), caller_slot);
}

/// run_on for a caller that does not have its slot at hand.
template <class T, class Strand, class WorkExecutor>
boost::asio::awaitable<T> run_on(Strand strand, boost::asio::awaitable<T, WorkExecutor> work) {
  boost::asio::cancellation_state caller = co_await boost::asio::this_coro::cancellation_state;
  co_return co_await run_on(std::move(strand), std::move(work), caller.slot());
}

}  // namespace flowsdk::http::detail
