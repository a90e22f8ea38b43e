#include "flowsdk/core/retry_policy.hpp"

#include "flowsdk/http/transport.hpp"
#include "flowsdk/tenex/client_options.hpp"

#include "flowsdk/testing/fake_network.hpp"
#include "support/run.hpp"

#include <gtest/gtest.h>

#include <vector>

using namespace flowsdk;
using namespace std::chrono;
namespace kit = flowsdk::testing;

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
  for (unsigned s : {200u, 204u, 301u, 400u, 401u, 403u, 404u, 409u, 410u, 422u})
    EXPECT_FALSE(is_retryable_status(s)) << s;
}

TEST(RateLimitedBackoff, IsNeverShorterThanTheFloorEvenAfterJitter) {
  retry_policy p;
  p.initial_backoff = milliseconds(1000);
  p.multiplier = 2;
  p.jitter = 0.25;
  p.min_rate_limited_backoff = milliseconds(1000);
  EXPECT_EQ(backoff_delay(p, 1, 0.999999), milliseconds(750));
  EXPECT_EQ(rate_limited_backoff_delay(p, 1, 0.999999), milliseconds(1000));  // jitter would undercut it
  EXPECT_EQ(rate_limited_backoff_delay(p, 1, 0.0), milliseconds(1000));
  EXPECT_EQ(rate_limited_backoff_delay(p, 2, 0.999999), milliseconds(1500));  // above the floor: unchanged
  p.initial_backoff = milliseconds(100);
  EXPECT_EQ(rate_limited_backoff_delay(p, 1, 0.0), milliseconds(1000));
}

TEST(RateLimitedBackoff, DefaultsToNoFloor) {
  retry_policy p;
  EXPECT_EQ(p.min_rate_limited_backoff, milliseconds(0));
  for (int retry = 1; retry < 6; ++retry)
    EXPECT_EQ(rate_limited_backoff_delay(p, retry, 0.7), backoff_delay(p, retry, 0.7)) << retry;
}

TEST(RateLimitedBackoff, TenexDefaultsNeverRetryA429WithinASecond) {
  // 10ex: "Don't retry tighter than 1s on 429" (https://docs.10ex.ai/reference/errors).
  const auto t = flowsdk::tenex::client_options::default_transport();
  EXPECT_EQ(t.retry.min_rate_limited_backoff, seconds(1));
  EXPECT_EQ(rate_limited_backoff_delay(t.retry, 1, 0.999999), seconds(1));
}

namespace {

// The delays a transport slept before its retries, over a scripted network.
std::vector<milliseconds> slept_before_retries(std::vector<kit::reply> script, retry_policy policy) {
  auto net = std::make_shared<kit::fake_network>();
  net->set_script(std::move(script));
  auto sleeps = std::make_shared<std::vector<milliseconds>>();
  http::transport_options o;
  o.retry = policy;
  o.random01 = [] { return 0.999999; };
  o.sleep = [sleeps](milliseconds d) -> boost::asio::awaitable<void> {
    sleeps->push_back(d);
    co_return;
  };
  http::transport transport(net, o);
  http::origin to{true, "api.example.com", 443};
  flowsdk::test::run(transport.send(to, http::request(http::verb::get, "/v1/things")));
  return *sleeps;
}

}  // namespace

TEST(RateLimitedBackoff, TheTransportAppliesTheFloorOnlyTo429sWithoutRetryAfter) {
  retry_policy p;
  p.max_retries = 4;
  p.initial_backoff = milliseconds(100);
  p.jitter = 0.5;
  p.min_rate_limited_backoff = milliseconds(1000);
  // 429 without Retry-After: the floor; 503: the computed 100 ms (200 halved by jitter); a 429
  // with Retry-After: what the server asked for, even below the floor.
  const auto sleeps =
      slept_before_retries({kit::reply::status(429), kit::reply::status(503),
                            kit::reply::status(429, "{}", {{"Retry-After", "0"}}), kit::reply::status(200)},
                           p);
  EXPECT_EQ(sleeps, (std::vector<milliseconds>{milliseconds(1000), milliseconds(100), milliseconds(0)}));
}
