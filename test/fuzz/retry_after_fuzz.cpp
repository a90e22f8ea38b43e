// Fuzz target: flowsdk::parse_retry_after and flowsdk::backoff_delay (src/core/retry_policy.cpp).
// Input: the Retry-After value, then "\n" and the retry-after-ms value, then optionally "\n" and
// a retry policy as "initial_ms max_ms multiplier jitter retry random01" (missing fields keep
// their defaults). The clock reading `now` is chosen from the input's hash, extremes included.
//
// Invariants (include/flowsdk/core/retry_policy.hpp):
//  1. A delay is never negative.
//  2. retry-after-ms wins: when it is digits (blanks around allowed) the delay is exactly that
//     many milliseconds, saturating at milliseconds::max() past int64.
//  3. Otherwise delta-seconds give exactly seconds * 1000, saturating at milliseconds::max().
//  4. Otherwise only an IMF-fixdate (29 bytes) yields a delay: whole seconds (or max()), and one
//     hour later the same date yields one hour less, or 0 once it is past.
//  5. backoff_delay is within [0, max_backoff] whatever the policy, and has no undefined
//     behaviour (UBSan: float-to-integer overflow) for extreme policies such as max_backoff = max().

#include "fuzz_check.hpp"

#include "flowsdk/core/retry_policy.hpp"

#include <chrono>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace {

using std::chrono::milliseconds;
using std::chrono::system_clock;

constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();

// The reference reading of a digits-only header: blanks trimmed, saturating at int64 max.
std::optional<std::int64_t> digits_value(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.empty()) return std::nullopt;
  std::int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    const int d = c - '0';
    v = v > (int64_max - d) / 10 ? int64_max : v * 10 + d;
  }
  return v;
}

std::string_view next_line(std::string_view& rest) {
  const auto nl = rest.find('\n');
  const std::string_view line = rest.substr(0, nl);
  rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
  return line;
}

system_clock::time_point pick_now(std::uint64_t h) {
  using namespace std::chrono;
  switch (h % 6) {
    case 0:
      return system_clock::time_point{};  // 1970
    case 1:
      return sys_days(year(2026) / November / 22) + hours(10);  // the unit tests' clock
    case 2:
      return system_clock::time_point::min();
    case 3:
      return system_clock::time_point::max() - hours(2);
    case 4:
      return sys_days(year(1900) / January / 1);
    default:
      return system_clock::time_point(system_clock::duration(static_cast<std::int64_t>(h >> 1)));
  }
}

void check_retry_after(std::string_view retry_after, std::string_view retry_after_ms, system_clock::time_point now) {
  const auto got = flowsdk::parse_retry_after(retry_after, retry_after_ms, now);
  if (got) FUZZ_CHECK(got->count() >= 0);
  if (const auto ms = digits_value(retry_after_ms)) {
    FUZZ_CHECK(got == milliseconds(*ms));
    return;
  }
  if (const auto secs = digits_value(retry_after)) {
    FUZZ_CHECK(got == (*secs > int64_max / 1000 ? milliseconds::max() : milliseconds(*secs * 1000)));
    return;
  }
  if (retry_after.size() != 29) {
    FUZZ_CHECK(!got);
    return;
  }
  if (!got) return;
  FUZZ_CHECK(*got == milliseconds::max() || got->count() % 1000 == 0);
  if (now > system_clock::time_point::max() - std::chrono::hours(1)) return;
  const auto later = flowsdk::parse_retry_after(retry_after, retry_after_ms, now + std::chrono::hours(1));
  FUZZ_CHECK(later.has_value());
  if (*got == milliseconds::max()) return;
  FUZZ_CHECK(*later == std::max(milliseconds(0), *got - std::chrono::hours(1)));
}

void check_backoff(std::string_view spec) {
  const std::string text(spec);  // strtod needs a terminator
  const char* p = text.c_str();
  auto next_double = [&](double fallback) {
    char* end = nullptr;
    const double v = std::strtod(p, &end);
    if (end == p) return fallback;
    p = end;
    return v;
  };
  auto next_int64 = [&](std::int64_t fallback) {
    char* end = nullptr;
    const long long v = std::strtoll(p, &end, 10);
    if (end == p) return fallback;
    p = end;
    return static_cast<std::int64_t>(v);
  };
  flowsdk::retry_policy policy;
  policy.initial_backoff = milliseconds(next_int64(policy.initial_backoff.count()));
  policy.max_backoff = milliseconds(next_int64(policy.max_backoff.count()));
  policy.multiplier = next_double(policy.multiplier);
  policy.jitter = next_double(policy.jitter);
  const auto retry = static_cast<int>(next_int64(1) % 1000);
  const double random01 = next_double(0.5);
  const milliseconds delay = flowsdk::backoff_delay(policy, retry, random01);
  FUZZ_CHECK(delay.count() >= 0);
  FUZZ_CHECK(delay <= std::max(policy.max_backoff, milliseconds(0)));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view rest = input;
  const std::string_view retry_after = next_line(rest);
  const std::string_view retry_after_ms = next_line(rest);
  check_retry_after(retry_after, retry_after_ms, pick_now(flowsdk::fuzz::hash(input)));
  if (!rest.empty()) check_backoff(next_line(rest));
  return 0;
}
