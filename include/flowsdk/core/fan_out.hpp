#pragma once
// Bounded concurrency for batches: "look up these N ids with at most K requests in flight".

#include "flowsdk/core/error.hpp"
#include "flowsdk/core/outcome.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

#include <atomic>
#include <memory>
#include <type_traits>
#include <vector>

namespace flowsdk {

namespace detail {

template <class A>
struct awaitable_value;
template <class T, class E>
struct awaitable_value<boost::asio::awaitable<T, E>> {
  using type = T;
};

template <class R, class Input, class Function>
struct fan_out_state {
  fan_out_state(std::vector<Input> in, Function f) : inputs(std::move(in)), fn(std::move(f)), results(inputs.size()) {}
  std::vector<Input> inputs;
  Function fn;
  std::vector<outcome<R>> results;
  std::atomic<std::size_t> next{0};
};

template <class R, class Input, class Function>
boost::asio::awaitable<void> fan_out_worker(std::shared_ptr<fan_out_state<R, Input, Function>> st) {
  for (std::size_t i = st->next++; i < st->inputs.size(); i = st->next++) {
    try {
      st->results[i] = outcome<R>(co_await st->fn(std::move(st->inputs[i])));
    } catch (const boost::system::system_error& e) {
      // Asio's own cancellation, raised before the call could map it: report it like the SDK does.
      if (e.code() != boost::asio::error::operation_aborted) {
        st->results[i] = outcome<R>(std::current_exception());
      } else {
        error_details d;
        d.cause = "cancelled before the call completed";
        st->results[i] = outcome<R>(std::make_exception_ptr(error(errc::cancelled, std::move(d))));
      }
    } catch (...) {
      st->results[i] = outcome<R>(std::current_exception());
    }
  }
}

}  // namespace detail

/// Calls `fn(input)` for every input with at most `max_in_flight` calls running at once, and
/// returns one outcome per input, in input order. A failed call fills its outcome with the
/// exception and does not stop the others. Cancelling the awaiting operation cancels every call
/// in flight; the calls not yet started then fail at once with the cancellation.
///
/// `fn` is called as `co_await fn(Input)` and must return an asio::awaitable<R>. It is copied
/// into shared state, so it may be a lambda; on g++ 12 name it before the co_await rather than
/// writing the lambda inside it (docs/coroutine-hazards.md, hazard 1).
template <class Input, class Function,
          class R = typename detail::awaitable_value<std::invoke_result_t<Function&, Input>>::type>
boost::asio::awaitable<std::vector<outcome<R>>> fan_out(std::vector<Input> inputs, std::size_t max_in_flight,
                                                        Function fn) {
  if (max_in_flight == 0) {
    throw_invalid_argument("fan_out: max_in_flight must be at least 1");
  }
  const std::size_t workers = std::min(max_in_flight, inputs.size());
  auto st = std::make_shared<detail::fan_out_state<R, Input, Function>>(std::move(inputs), std::move(fn));
  if (workers == 0) co_return std::move(st->results);

  auto ex = co_await boost::asio::this_coro::executor;
  using op_type = decltype(boost::asio::co_spawn(ex, detail::fan_out_worker(st), boost::asio::deferred));
  std::vector<op_type> ops;
  ops.reserve(workers);
  for (std::size_t w = 0; w < workers; ++w) {
    ops.push_back(boost::asio::co_spawn(ex, detail::fan_out_worker(st), boost::asio::deferred));
  }
  // Workers never throw (each failure lands in its outcome), so waiting for all is enough.
  co_await boost::asio::experimental::make_parallel_group(std::move(ops))
      .async_wait(boost::asio::experimental::wait_for_all(), boost::asio::use_awaitable);
  co_return std::move(st->results);
}

}  // namespace flowsdk
