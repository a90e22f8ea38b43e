#pragma once
// Runs a coroutine to completion on a private io_context and returns its value (or rethrows).

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

namespace flowsdk::test {

template <class T>
T run(boost::asio::io_context& io, boost::asio::awaitable<T> a) {
  auto result = boost::asio::co_spawn(io, std::move(a), boost::asio::use_future);
  io.restart();
  io.run();
  return result.get();
}

template <class T>
T run(boost::asio::awaitable<T> a) {
  boost::asio::io_context io;
  return run(io, std::move(a));
}

}  // namespace flowsdk::test
