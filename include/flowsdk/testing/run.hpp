#pragma once
// Runs a coroutine to completion from a plain (non-coroutine) test body.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <utility>

namespace flowsdk::testing {

/// Runs `a` on `io` until it completes (restarting `io` first, so it may be called again) and
/// returns its value or rethrows its exception, e.g. a flowsdk::error for EXPECT_THROW.
template <class T>
T run(boost::asio::io_context& io, boost::asio::awaitable<T> a) {
  auto result = boost::asio::co_spawn(io, std::move(a), boost::asio::use_future);
  io.restart();
  io.run();
  return result.get();
}

/// Runs `a` on an io_context of its own.
template <class T>
T run(boost::asio::awaitable<T> a) {
  boost::asio::io_context io;
  return run(io, std::move(a));
}

}  // namespace flowsdk::testing
