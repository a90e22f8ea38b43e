#pragma once
// Runs a coroutine to completion (the testing kit's run) and collects what a source yields.

#include "flowsdk/testing/run.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>

#include <optional>
#include <utility>
#include <vector>

namespace flowsdk::test {

using flowsdk::testing::run;  // the testing kit's

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
