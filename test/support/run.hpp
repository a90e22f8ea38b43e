#pragma once
// Runs a coroutine to completion on a private io_context and returns its value (or rethrows).

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <optional>
#include <utility>
#include <vector>

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

/// The item type of a source whose next() returns awaitable<optional<T>>.
template <class Source>
using item_of = typename decltype(std::declval<Source&>().next())::value_type::value_type;

template <class Source>
boost::asio::awaitable<std::vector<item_of<Source>>> collect_all(Source source) {
  std::vector<item_of<Source>> out;
  for (;;) {
    auto item = co_await source.next();  // into a local (docs/coroutine-hazards.md, hazard 6)
    if (!item) break;
    out.push_back(std::move(*item));
  }
  co_return out;
}

/// Every item of `source` (a paginator, an event_stream, a run_watch: anything whose next()
/// returns awaitable<optional<T>>), in order, until next() returns nullopt.
template <class Source>
std::vector<item_of<Source>> collect(boost::asio::io_context& io, Source source) {
  return run(io, collect_all(std::move(source)));
}
template <class Source>
std::vector<item_of<Source>> collect(Source source) {
  return run(collect_all(std::move(source)));
}

}  // namespace flowsdk::test
