#include "flowsdk/core/retry_policy.hpp"

#include <gtest/gtest.h>

using namespace flowsdk;
using namespace std::chrono;

TEST(Backoff, GrowsExponentiallyUpToTheCap) {
  retry_policy p;
  p.initial_backoff = milliseconds(100);
  p.max_backoff = milliseconds(1000);
  p.multiplier = 2;
  p.jitter = 0;
  EXPECT_EQ(backoff_delay(p, 1, 0.5), milliseconds(100));
  EXPECT_EQ(backoff_delay(p, 2, 0.5), milliseconds(200));
  EXPECT_EQ(backoff_delay(p, 3, 0.5), milliseconds(400));
  EXPECT_EQ(backoff_delay(p, 5, 0.5), milliseconds(1000));
  EXPECT_EQ(backoff_delay(p, 60, 0.5), milliseconds(1000));
}

TEST(Backoff, JitterShrinksTheDelayByAtMostItsFraction) {
  retry_policy p;
  p.initial_backoff = milliseconds(1000);
  p.jitter = 0.25;
  EXPECT_EQ(backoff_delay(p, 1, 0.0), milliseconds(1000));
  EXPECT_EQ(backoff_delay(p, 1, 0.5), milliseconds(875));
  EXPECT_EQ(backoff_delay(p, 1, 0.999999), milliseconds(750));
}

TEST(RetryAfter, ReadsSecondsMillisecondsAndHttpDates) {
  const auto now = sys_days(year(2026) / 11 / 22) + hours(10);
  EXPECT_EQ(parse_retry_after("3", "", now), milliseconds(3000));
  EXPECT_EQ(parse_retry_after(" 0 ", "", now), milliseconds(0));
  EXPECT_EQ(parse_retry_after("3", "250", now), milliseconds(250));  // retry-after-ms wins
  EXPECT_EQ(parse_retry_after("Sun, 22 Nov 2026 10:00:05 GMT", "", now), milliseconds(5000));
  EXPECT_EQ(parse_retry_after("Sun, 22 Nov 2026 09:00:00 GMT", "", now), milliseconds(0));  // past
}

TEST(RetryAfter, IgnoresWhatItCannotRead) {
  const auto now = system_clock::now();
  EXPECT_FALSE(parse_retry_after("", "", now));
  EXPECT_FALSE(parse_retry_after("-1", "", now));
  EXPECT_FALSE(parse_retry_after("soon", "", now));
  EXPECT_FALSE(parse_retry_after("1.5", "", now));
  EXPECT_FALSE(parse_retry_after("Sun, 31 Feb 2026 10:00:05 GMT", "", now));
  EXPECT_FALSE(parse_retry_after("", "x", now));
}

TEST(RetryAfter, SaturatesInsteadOfOverflowing) {
  // Each of these once wrapped around: to 1 s, to a negative delay, and to zero.
  const auto now = sys_days(year(2026) / 11 / 22) + hours(10);
  EXPECT_EQ(parse_retry_after("2305843009213693953", "", now), milliseconds::max());
  EXPECT_EQ(parse_retry_after("10000000000000000", "", now), milliseconds::max());
  EXPECT_EQ(parse_retry_after("99999999999999999999999", "", now), milliseconds::max());
  EXPECT_EQ(parse_retry_after("", "99999999999999999999999", now), milliseconds::max());
  const auto far = parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", "", now);
  ASSERT_TRUE(far);
  EXPECT_GT(*far, hours(24 * 365 * 7900));
  EXPECT_EQ(parse_retry_after("9223372036854775", "", now), milliseconds(9223372036854775000));
  EXPECT_FALSE(parse_retry_after("+5", "", now));
}

TEST(RetryableStatus, Is408And429And5xx) {
  for (unsigned s : {408u, 429u, 500u, 502u, 503u, 504u, 599u}) EXPECT_TRUE(is_retryable_status(s)) << s;
  for (unsigned s : {200u, 204u, 301u, 400u, 401u, 403u, 404u, 409u, 410u, 422u}) EXPECT_FALSE(is_retryable_status(s)) << s;
}
