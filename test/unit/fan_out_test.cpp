#include "flowsdk/core/fan_out.hpp"

#include "support/run.hpp"

#include <boost/asio/steady_timer.hpp>
#include <gtest/gtest.h>

using namespace flowsdk;
namespace asio = boost::asio;

namespace {
struct probe {
  int in_flight = 0;
  int peak = 0;
};

asio::awaitable<std::string> slow_echo(probe* p, int v) {
  ++p->in_flight;
  p->peak = std::max(p->peak, p->in_flight);
  asio::steady_timer t(co_await asio::this_coro::executor, std::chrono::milliseconds(1 + v % 3));
  co_await t.async_wait(asio::use_awaitable);
  --p->in_flight;
  if (v % 7 == 3) throw error(errc::not_found, {});
  co_return "v" + std::to_string(v);
}
}  // namespace

TEST(FanOut, KeepsInputOrderBoundsConcurrencyAndReportsPerItemErrors) {
  probe p;
  std::vector<int> inputs(50);
  for (int i = 0; i < 50; ++i) inputs[i] = i;
  auto lookup = [&p](int v) { return slow_echo(&p, v); };
  auto results = flowsdk::test::run(fan_out(inputs, 4, lookup));
  ASSERT_EQ(results.size(), 50u);
  EXPECT_EQ(p.peak, 4);
  for (int i = 0; i < 50; ++i) {
    if (i % 7 == 3) {
      ASSERT_FALSE(results[i].has_value()) << i;
      ASSERT_NE(results[i].error(), nullptr);
      EXPECT_EQ(results[i].error()->code(), errc::not_found);
      EXPECT_THROW(results[i].value(), error);
    } else {
      ASSERT_TRUE(results[i].has_value()) << i;
      EXPECT_EQ(results[i].value(), "v" + std::to_string(i));
    }
  }
}

TEST(FanOut, EmptyInputAndInvalidLimit) {
  auto lookup = [](int v) -> asio::awaitable<int> { co_return v; };
  EXPECT_TRUE(flowsdk::test::run(fan_out(std::vector<int>{}, 3, lookup)).empty());
  EXPECT_THROW(flowsdk::test::run(fan_out(std::vector<int>{1}, 0, lookup)), error);
}

TEST(FanOut, TheCallableAndInputsMayDieBeforeTheOperationRuns) {
  // fan_out owns copies of both from the call on: the caller's objects may be gone by the time
  // the returned awaitable first runs (as a co_await temporary's may be on g++ 12).
  probe p;
  auto op = [&p] {
    std::vector<int> inputs{1, 2, 4};
    auto prefix = std::make_shared<std::string>("item ");
    auto lookup = [&p, prefix](int v) -> asio::awaitable<std::string> {
      auto s = co_await slow_echo(&p, v);
      co_return *prefix + s;
    };
    return fan_out(inputs, 2, lookup);
  }();
  auto results = flowsdk::test::run(std::move(op));
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0].value(), "item v1");
  EXPECT_EQ(results[2].value(), "item v4");
  EXPECT_EQ(p.peak, 2);
}

TEST(FanOut, AnInvalidLimitFailsWhenAwaitedNotWhenCalled) {
  auto lookup = [](int v) -> asio::awaitable<int> { co_return v; };
  auto op = fan_out(std::vector<int>{1}, 0, lookup);  // no throw yet
  EXPECT_THROW(flowsdk::test::run(std::move(op)), error);
}

TEST(FanOut, OnlyCallablesThatSurviveADoubleDestructionMayBeTemporaries) {
  // docs/coroutine-hazards.md, hazard 1: what g++ 12 may be handed as a temporary.
  auto borrowing = [](int v) -> asio::awaitable<int> { co_return v; };
  std::string owned = "state";
  auto owning = [owned](int v) -> asio::awaitable<int> { co_return v + static_cast<int>(owned.size()); };
  static_assert(detail::safe_as_temporary_v<decltype(borrowing)>);
  static_assert(detail::safe_as_temporary_v<decltype(owning)&>);
  static_assert(detail::safe_as_temporary_v<const decltype(owning)&>);
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ < 13
  static_assert(!detail::safe_as_temporary_v<decltype(owning)>);
#else
  static_assert(detail::safe_as_temporary_v<decltype(owning)>);
#endif
  EXPECT_EQ(flowsdk::test::run(fan_out(std::vector<int>{1}, 1, owning)).front().value(), 6);
}
