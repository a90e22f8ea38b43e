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
