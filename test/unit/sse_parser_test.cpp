#include "flowsdk/core/error.hpp"
#include "flowsdk/core/sse_parser.hpp"

#include <gtest/gtest.h>

#include <vector>

using namespace flowsdk;

namespace {

std::vector<server_sent_event> parse_all(sse_parser& p) {
  std::vector<server_sent_event> out;
  while (auto e = p.next_event()) out.push_back(std::move(*e));
  return out;
}

std::vector<server_sent_event> parse(std::string_view body) {
  sse_parser p;
  p.feed(body);
  return parse_all(p);
}

// The same body fed one byte at a time: network reads split frames anywhere.
std::vector<server_sent_event> parse_bytewise(std::string_view body) {
  sse_parser p;
  for (char c : body) p.feed(std::string_view(&c, 1));
  return parse_all(p);
}

const std::string_view tenex_example =
    "retry: 3000\n"
    "\n"
    "id: 0\n"
    "event: run.snapshot\n"
    "data: {\"run_id\":\"run_1\",\"seq\":0}\n"
    "\n"
    ": keepalive\n"
    "\n"
    "id: 1\n"
    "event: run.status\n"
    "data: {\"run_id\":\"run_1\",\"seq\":1,\"status\":\"running\"}\n"
    "\n";

}  // namespace

TEST(SseParser, ReadsTheTenexExampleWithItsRetryAndIds) {
  sse_parser p;
  p.feed(tenex_example);
  auto events = parse_all(p);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].type, "run.snapshot");
  EXPECT_EQ(events[0].id, "0");
  EXPECT_EQ(events[0].data, R"({"run_id":"run_1","seq":0})");
  EXPECT_EQ(events[1].type, "run.status");
  EXPECT_EQ(events[1].id, "1");
  EXPECT_EQ(p.last_event_id(), "1");
  ASSERT_TRUE(p.retry());
  EXPECT_EQ(p.retry()->count(), 3000);
}

TEST(SseParser, GivesTheSameEventsWhateverTheSplit) {
  const auto whole = parse(tenex_example);
  const auto bytewise = parse_bytewise(tenex_example);
  ASSERT_EQ(whole.size(), bytewise.size());
  for (std::size_t i = 0; i < whole.size(); ++i) {
    EXPECT_EQ(whole[i].type, bytewise[i].type);
    EXPECT_EQ(whole[i].data, bytewise[i].data);
    EXPECT_EQ(whole[i].id, bytewise[i].id);
  }
}

TEST(SseParser, AcceptsCrLfAndLoneCrLineEndsEvenSplitBetweenReads) {
  sse_parser p;
  p.feed("data: a\r");
  p.feed("\ndata: b\r\r");  // CR ends a line; a second CR is the blank line
  p.feed("data: c\r\n\r\n");
  auto events = parse_all(p);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].data, "a\nb");
  EXPECT_EQ(events[1].data, "c");
}

TEST(SseParser, JoinsDataLinesAndDefaultsTheTypeToMessage) {
  auto events = parse("data: first\ndata:second\ndata\ndata:  two spaces\n\n");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].type, "message");
  // Only one space after the colon is dropped; a bare "data" field adds an empty line.
  EXPECT_EQ(events[0].data, "first\nsecond\n\n two spaces");
}

TEST(SseParser, ABlockWithoutDataSetsTheIdButDispatchesNothing) {
  sse_parser p;
  p.feed("id: 7\nevent: ignored\n\ndata: x\n\n");
  auto events = parse_all(p);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].type, "message");  // the type of the data-less block does not carry over
  EXPECT_EQ(events[0].id, "7");
}

TEST(SseParser, IgnoresCommentsUnknownFieldsAndBadRetries) {
  sse_parser p;
  p.feed(": hello\nfoo: bar\nretry: 12x\nretry: -5\nretry\ndata: ok\n\n");
  auto events = parse_all(p);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "ok");
  EXPECT_FALSE(p.retry());
}

TEST(SseParser, AnIdWithNulIsIgnoredAndAnEmptyIdResetsIt) {
  sse_parser p;
  p.feed("id: 5\ndata: a\n\n");
  static constexpr char with_nul[] = "id: 6\0x\ndata: b\n\n";
  p.feed(std::string_view(with_nul, sizeof with_nul - 1));
  p.feed("id\ndata: c\n\n");
  auto events = parse_all(p);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].id, "5");
  EXPECT_EQ(events[1].id, "5");
  EXPECT_EQ(events[2].id, "");
  EXPECT_EQ(p.last_event_id(), "");
}

TEST(SseParser, SkipsAByteOrderMarkEvenWhenItArrivesInPieces) {
  sse_parser p;
  p.feed("\xEF");
  p.feed("\xBB");
  p.feed(
      "\xBF"
      "data: x\n\n");
  auto events = parse_all(p);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "x");

  // Bytes that only start like a mark are kept.
  auto other = parse(
      "\xEF"
      "data: y\n\n");
  EXPECT_TRUE(other.empty());  // the line is "\xEF" "data: y": an unknown field
}

TEST(SseParser, AnUnfinishedEventIsNeverDispatched) {
  sse_parser p;
  p.feed("id: 3\ndata: partial");
  EXPECT_FALSE(p.next_event());
  p.discard_partial();
  p.feed("\n\n");  // would have finished it
  EXPECT_FALSE(p.next_event());
  EXPECT_EQ(p.last_event_id(), "");  // the event with id 3 never arrived: not claimed on reconnection
}

TEST(SseParser, AnEventOverTheLimitIsAnErrorNotAnAllocation) {
  sse_parser p(64);
  p.feed("data: " + std::string(50, 'a') + "\n");
  try {
    p.feed("data: " + std::string(50, 'b'));
    FAIL() << "expected body_too_large";
  } catch (const error& e) {
    EXPECT_EQ(e.code(), errc::body_too_large);
  }
  sse_parser endless(64);
  EXPECT_THROW(endless.feed(std::string(100, 'x')), error);  // a line that never ends
}

TEST(SseParser, ALineWhollyInOnePieceCountsTowardsTheLimitToo) {
  // A line parsed where it lies, never copied into the parser's line buffer, is still counted.
  sse_parser p(64);
  p.feed("data: " + std::string(50, 'a') + "\n");
  EXPECT_THROW(p.feed("data: " + std::string(50, 'b') + "\n\n"), error);
}

TEST(SseParser, EventsTakenWhileOthersArriveComeOutInOrder) {
  // A reader that takes some events between feeds, never draining the queue, gets each event
  // once and in order.
  sse_parser p;
  int fed = 0, taken = 0;
  for (int round = 0; round < 50; ++round) {
    for (int i = 0; i < 10; ++i) p.feed("id: " + std::to_string(++fed) + "\ndata: x\n\n");
    for (int i = 0; i < 7; ++i) {
      auto e = p.next_event();
      ASSERT_TRUE(e);
      EXPECT_EQ(e->id, std::to_string(++taken));
    }
  }
  for (const auto& e : parse_all(p)) EXPECT_EQ(e.id, std::to_string(++taken));
  EXPECT_EQ(taken, fed);
}

TEST(SseParser, AStreamWithCrLfAfterLfOnlyPiecesSplitsLinesTheSameWay) {
  // Whether a piece holds a CR decides how line ends are searched; mixing both kinds of piece
  // must not change the events.
  sse_parser p;
  p.feed("event: a\ndata: 1\n\n");
  p.feed("event: b\r\ndata: 2\r\n\r\n");
  p.feed("data: 3\n");
  p.feed("\r");
  p.feed("\ndata: 4\r\r");
  const auto events = parse_all(p);
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0].type, "a");
  EXPECT_EQ(events[1].type, "b");
  EXPECT_EQ(events[1].data, "2");
  EXPECT_EQ(events[2].data, "3");
  EXPECT_EQ(events[3].data, "4");
}
