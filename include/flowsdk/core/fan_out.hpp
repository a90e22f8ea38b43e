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

#include <algorithm>
#include <atomic>
#include <cstddef>
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

// g++ 12 copies a closure or aggregate temporary built inside a co_await expression bitwise and
// destroys both copies (docs/coroutine-hazards.md, hazard 1). That happens in the caller's frame,
// so no callee can repair it: the second destruction releases what the callee's copy still uses.
// A temporary callable is safe only when destroying it twice is harmless.
template <class Function>
inline constexpr bool safe_as_temporary_v =
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ < 13
    std::is_lvalue_reference_v<Function> || std::is_trivially_destructible_v<std::remove_reference_t<Function>>;
#else
    true;
#endif

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

// The batch itself. Its only parameter is the shared state, which already owns the callable and
// the inputs when this coroutine's frame is made: nothing here refers to the caller's objects.
template <class R, class Input, class Function>
boost::asio::awaitable<std::vector<outcome<R>>> fan_out_run(std::shared_ptr<fan_out_state<R, Input, Function>> st,
                                                            std::size_t max_in_flight) {
  if (max_in_flight == 0) {
    throw_invalid_argument("fan_out: max_in_flight must be at least 1");
  }
  const std::size_t workers = std::min(max_in_flight, st->inputs.size());
  if (workers == 0) co_return std::move(st->results);

  auto ex = co_await boost::asio::this_coro::executor;
  using op_type = decltype(boost::asio::co_spawn(ex, fan_out_worker(st), boost::asio::deferred));
  std::vector<op_type> ops;
  ops.reserve(workers);
  for (std::size_t w = 0; w < workers; ++w) {
    ops.push_back(boost::asio::co_spawn(ex, fan_out_worker(st), boost::asio::deferred));
  }
  // Workers never throw (each failure lands in its outcome), so waiting for all is enough.
  co_await boost::asio::experimental::make_parallel_group(std::move(ops))
      .async_wait(boost::asio::experimental::wait_for_all(), boost::asio::use_awaitable);
  co_return std::move(st->results);
}

}  // namespace detail

/// Calls `fn(input)` for every input with at most `max_in_flight` calls running at once, and
/// returns one outcome per input, in input order. A failed call fills its outcome with the
/// exception and does not stop the others. Cancelling the awaiting operation cancels every call
/// in flight; the calls not yet started then fail at once with the cancellation.
///
/// `fn` is called as `co_await fn(Input)` and must return an asio::awaitable<R>. fan_out is a
/// plain function: it moves `fn` and `inputs` into shared state before any coroutine frame
/// exists, so the calls never use a copy owned by the caller's expression. On g++ 12 a lambda
/// written inside the co_await may not own state (it would be destroyed twice by the compiler,
/// docs/coroutine-hazards.md, hazard 1), so this is rejected at compile time there:
///
///   co_await fan_out(ids, 8, [wf](std::string id) { return wf.get_run(std::move(id)); });
///
/// and these are fine everywhere: a named callable, or an inline one that captures by reference:
///
///   auto lookup = [wf](std::string id) { return wf.get_run(std::move(id)); };
///   co_await fan_out(ids, 8, lookup);
///   co_await fan_out(ids, 8, [&wf](std::string id) { return wf.get_run(std::move(id)); });
///
/// The pool caps concurrency too: a transport has at most
/// `transport_options::pool.max_connections_per_origin` (default 32) requests out to one origin.
/// With a larger `max_in_flight` the extra calls queue in the pool (`pool_stats().waiting`) and
/// that wait counts against each call's own attempt timeout; raise the pool limit to go wider
/// (docs/connection-pool.md).
template <class Input, class Function, class F = std::decay_t<Function>,
          class R = typename detail::awaitable_value<std::invoke_result_t<F&, Input>>::type>
boost::asio::awaitable<std::vector<outcome<R>>> fan_out(std::vector<Input> inputs, std::size_t max_in_flight,
                                                        Function&& fn) {
  static_assert(detail::safe_as_temporary_v<Function>,
                "g++ 12 destroys a lambda temporary written inside co_await twice (docs/coroutine-hazards.md, "
                "hazard 1): name the lambda before the co_await, or capture by reference ([&wf])");
  return detail::fan_out_run(
      std::make_shared<detail::fan_out_state<R, Input, F>>(std::move(inputs), std::forward<Function>(fn)),
      max_in_flight);
}

}  // namespace flowsdk
