// The emulator's internal helpers that carry wire formats: timestamps, base64, cursors.

#include "imbrace/state.hpp"
#include "common/util.hpp"

#include <gtest/gtest.h>

namespace flowsdk::emulator::detail {
namespace {

TEST(Iso8601, FormatsAndParses) {
  EXPECT_EQ(format_iso8601(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_iso8601(1714566896789), "2024-05-01T12:34:56.789Z");
  EXPECT_EQ(parse_iso8601("2024-05-01T12:34:56.789Z"), 1714566896789);
  EXPECT_EQ(parse_iso8601("2024-05-01T12:34:56Z"), 1714566896000);
  EXPECT_EQ(parse_iso8601("2024-05-01T14:34:56.789+02:00"), 1714566896789);
  EXPECT_EQ(parse_iso8601("2024-05-01"), 1714521600000);
  for (const char* bad : {"", "yesterday", "2024-13-01T00:00:00Z", "2024-05-01T12:34:56", "2024-05-01T12:34:56.Z",
                          "2024-02-30T00:00:00Z", "2024-05-01T12:34:56Zjunk"})
    EXPECT_FALSE(parse_iso8601(bad)) << bad;
}

TEST(Base64, RoundTripsAndRejectsGarbage) {
  for (const std::string s : {"", "a", "ab", "abc", "abcd", "next_created:1"})
    EXPECT_EQ(base64_decode(base64_encode(s)), s);
  EXPECT_EQ(base64_encode("next_"), "bmV4dF8=");
  for (const char* bad : {"a", "ab=c", "!!!!", "a===", "YQ==YQ=="}) EXPECT_FALSE(base64_decode(bad)) << bad;
}

TEST(Cursor, RoundTripsInTheUpstreamEnvelope) {
  const seek_cursor c{true, 1714566896789, "abcDEF123"};
  const auto token = encode_cursor(c);
  // base64("next_" + base64("created:<ms>,id:<id>"))
  const auto outer = base64_decode(token);
  ASSERT_TRUE(outer);
  EXPECT_EQ(outer->substr(0, 5), "next_");
  EXPECT_EQ(base64_decode(outer->substr(5)), "created:1714566896789,id:abcDEF123");
  const auto back = decode_cursor(token);
  ASSERT_TRUE(back);
  EXPECT_TRUE(back->forward);
  EXPECT_EQ(back->created, c.created);
  EXPECT_EQ(back->id, c.id);
  EXPECT_FALSE(decode_cursor(base64_encode("next_" + base64_encode("created:12"))));  // no id
  EXPECT_FALSE(decode_cursor(base64_encode("side_" + base64_encode("created:1,id:x"))));
}

TEST(QueryParams, DecodesRepeatsAndCommaLists) {
  const query_params q("tags=a,b&tags=c&name=hello+world%21&empty=&flag");
  EXPECT_EQ(q.get("name"), "hello world!");
  EXPECT_EQ(q.get("empty"), "");
  EXPECT_EQ(q.get("flag"), "");
  EXPECT_FALSE(q.get("missing"));
  EXPECT_EQ(q.all("tags"), (std::vector<std::string>{"a", "b", "c"}));
}

}  // namespace
}  // namespace flowsdk::emulator::detail
