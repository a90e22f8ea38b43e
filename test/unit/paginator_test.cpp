#include "flowsdk/core/paginator.hpp"

#include "support/run.hpp"

#include <gtest/gtest.h>

#include <map>

using namespace flowsdk;
namespace asio = boost::asio;

namespace {

// A list of `pages` served from memory; records the tokens it was asked for.
struct fake_list {
  std::map<std::string, page<int>> pages;  // token ("" = first) -> page
  std::vector<std::string> asked;
  int fail_next = 0;

  paginator<int> make() {
    return paginator<int>([this](std::optional<std::string> token) -> asio::awaitable<page<int>> {
      return fetch(this, token.value_or(""));
    });
  }

  static asio::awaitable<page<int>> fetch(fake_list* self, std::string token) {
    self->asked.push_back(token);
    if (self->fail_next > 0) {
      --self->fail_next;
      throw error(errc::server_error, {});
    }
    co_return self->pages.at(token);
  }
};

page<int> make_page(std::vector<int> items, std::optional<std::string> next) {
  page<int> p;
  p.items = std::move(items);
  p.next_token = std::move(next);
  return p;
}

asio::awaitable<std::vector<int>> drain(paginator<int>& p) {
  std::vector<int> out;
  while (auto v = co_await p.next()) out.push_back(*v);
  co_return out;
}

}  // namespace

TEST(Paginator, FetchesNothingUntilAsked) {
  fake_list list;
  list.pages[""] = make_page({1}, std::nullopt);
  auto p = list.make();
  EXPECT_TRUE(list.asked.empty());
  EXPECT_EQ(p.pages_fetched(), 0u);
}

TEST(Paginator, NextCrossesPagesIncludingEmptyOnes) {
  fake_list list;
  list.pages[""] = make_page({1, 2}, "b");
  list.pages["b"] = make_page({}, "c");
  list.pages["c"] = make_page({3}, std::nullopt);
  auto p = list.make();
  EXPECT_EQ(flowsdk::test::run(drain(p)), (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(list.asked, (std::vector<std::string>{"", "b", "c"}));
  EXPECT_TRUE(p.done());
  EXPECT_EQ(p.pages_fetched(), 3u);
  // Asking again after the end makes no request.
  EXPECT_FALSE(flowsdk::test::run(p.next()));
  EXPECT_EQ(list.asked.size(), 3u);
}

TEST(Paginator, NextPageReturnsWholePagesThenNullopt) {
  fake_list list;
  list.pages[""] = make_page({1, 2}, "b");
  list.pages["b"] = make_page({3}, "");  // an empty token also ends the list
  auto p = list.make();
  auto first = flowsdk::test::run(p.next_page());
  ASSERT_TRUE(first);
  EXPECT_EQ(first->items, (std::vector<int>{1, 2}));
  auto second = flowsdk::test::run(p.next_page());
  ASSERT_TRUE(second);
  EXPECT_EQ(second->items, (std::vector<int>{3}));
  EXPECT_FALSE(flowsdk::test::run(p.next_page()));
}

TEST(Paginator, NextPageAfterNextReturnsTheRestOfThePage) {
  fake_list list;
  list.pages[""] = make_page({1, 2, 3}, "b");
  list.pages["b"] = make_page({4}, std::nullopt);
  auto p = list.make();
  EXPECT_EQ(flowsdk::test::run(p.next()), 1);
  auto rest = flowsdk::test::run(p.next_page());
  ASSERT_TRUE(rest);
  EXPECT_EQ(rest->items, (std::vector<int>{2, 3}));
  EXPECT_EQ(rest->next_token, "b");
  EXPECT_EQ(flowsdk::test::run(drain(p)), (std::vector<int>{4}));
}

TEST(Paginator, AnErrorSurfacesFromTheCallThatHitItAndTheSamePageIsRetried) {
  fake_list list;
  list.pages[""] = make_page({1}, "b");
  list.pages["b"] = make_page({2}, std::nullopt);
  auto p = list.make();
  EXPECT_EQ(flowsdk::test::run(p.next()), 1);
  list.fail_next = 1;
  EXPECT_THROW(flowsdk::test::run(p.next()), error);
  EXPECT_EQ(flowsdk::test::run(p.next()), 2);
  EXPECT_EQ(list.asked, (std::vector<std::string>{"", "b", "b"}));
}

TEST(Paginator, AServerRepeatingItsCursorIsAProtocolError) {
  fake_list list;
  list.pages[""] = make_page({1}, "loop");
  list.pages["loop"] = make_page({2}, "loop");
  auto p = list.make();
  try {
    flowsdk::test::run(drain(p));
    FAIL();
  } catch (const error& e) {
    EXPECT_EQ(e.code(), errc::protocol_error);
  }
}

TEST(Paginator, HoldsOnlyOnePageAtATime) {
  // 1000 pages of 100 items: the walk must not accumulate them.
  struct counting {
    static asio::awaitable<page<std::vector<char>>> fetch(std::optional<std::string> token) {
      const int n = token ? std::stoi(*token) : 0;
      page<std::vector<char>> p;
      p.items.assign(100, std::vector<char>(1024));
      if (n + 1 < 1000) p.next_token = std::to_string(n + 1);
      co_return p;
    }
  };
  paginator<std::vector<char>> p(counting::fetch);
  std::size_t items = 0;
  auto walk = [&]() -> asio::awaitable<void> {
    while (auto v = co_await p.next()) items += v->size() == 1024 ? 1 : 0;
  };
  flowsdk::test::run(walk());
  EXPECT_EQ(items, 100'000u);
  EXPECT_EQ(p.pages_fetched(), 1000u);
}
