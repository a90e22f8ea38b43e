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

/// Awaits `work` on `strand`; the caller resumes on its own executor with the result or the
/// exception. Cancellation of the caller reaches `work` on the strand. `work` may be typed by
/// the strand itself (connection.hpp's on_strand), which spares it a type-erased executor.
template <class T, class Strand, class WorkExecutor>
boost::asio::awaitable<T> run_on(Strand strand, boost::asio::awaitable<T, WorkExecutor> work) {
  namespace asio = boost::asio;
  asio::cancellation_state caller = co_await asio::this_coro::cancellation_state;
  asio::cancellation_slot caller_slot = caller.slot();
  if (!caller_slot.is_connected()) {
    // Nobody can cancel the caller: no relay to pay for.
    co_return co_await asio::co_spawn(strand, std::move(work), asio::use_awaitable);
  }
  auto relay = std::make_shared<cancellation_relay>();
  caller_slot.assign([relay, strand](asio::cancellation_type type) {
    asio::post(strand, [relay, type] { relay->signal.emit(type); });
  });
  auto token = asio::bind_cancellation_slot(relay->signal.slot(), asio::use_awaitable);
  co_return co_await asio::co_spawn(strand, relayed(std::move(work)), token);
}

}  // namespace flowsdk::http::detail
