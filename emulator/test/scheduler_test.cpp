// The one clock both vendors run on (src/common/scheduler.hpp).

#include "common/scheduler.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include <vector>

namespace {

using namespace flowsdk::emulator::detail;
using std::chrono::milliseconds;

TEST(ServerClock, FollowsRealTimeAndAdvancesByHand) {
  boost::asio::io_context ioc;
  auto clock = std::make_shared<scheduler>(ioc.get_executor());
  const auto before = now_ms();
  const auto t0 = clock->now();
  EXPECT_GE(t0, before);
  EXPECT_LE(t0, now_ms());
  clock->advance(milliseconds(3'600'000));
  EXPECT_GE(clock->now(), t0 + 3'600'000);
  clock->stop();
}

TEST(ServerClock, AdvanceRunsWhatFellDueInOrder) {
  boost::asio::io_context ioc;  // never run: only advance() may run the tasks
  auto clock = std::make_shared<scheduler>(ioc.get_executor());
  std::vector<int> ran;
  const auto t0 = clock->now();
  clock->at(t0 + 60'000, [&] { ran.push_back(2); });
  clock->at(t0 + 30'000, [&] {
    ran.push_back(1);
    clock->at(t0 + 45'000, [&] { ran.push_back(3); });  // scheduled from a task: runs on a later advance
  });
  clock->at(t0 + 600'000, [&] { ran.push_back(4); });
  clock->advance(milliseconds(40'000));
  EXPECT_EQ(ran, (std::vector<int>{1}));
  clock->advance(milliseconds(30'000));
  EXPECT_EQ(ran, (std::vector<int>{1, 3, 2}));
  clock->stop();
  clock->advance(milliseconds(600'000));  // stop() dropped the rest
  EXPECT_EQ(ran, (std::vector<int>{1, 3, 2}));
}

TEST(ServerClock, TimerRunsDueTasksInRealTime) {
  boost::asio::io_context ioc;
  auto clock = std::make_shared<scheduler>(ioc.get_executor());
  bool ran = false;
  clock->at(clock->now() + 20, [&] {
    ran = true;
    clock->stop();
  });
  ioc.run_for(std::chrono::seconds(5));
  EXPECT_TRUE(ran);
}

}  // namespace
