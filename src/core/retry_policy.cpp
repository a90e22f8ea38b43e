#include "flowsdk/core/retry_policy.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <ctime>
#include <limits>

namespace flowsdk {

std::chrono::milliseconds backoff_delay(const retry_policy& p, int retry, double random01) noexcept {
  const double base = static_cast<double>(p.initial_backoff.count()) * std::pow(p.multiplier, std::max(0, retry - 1));
  const double capped = std::min(base, static_cast<double>(p.max_backoff.count()));
  const double jittered = capped * (1.0 - std::clamp(p.jitter, 0.0, 1.0) * std::clamp(random01, 0.0, 1.0));
  // At the cap, the cap itself: converting a double near 2^63 back would overflow or round past it.
  if (jittered >= static_cast<double>(p.max_backoff.count()))
    return std::max(p.max_backoff, std::chrono::milliseconds(0));
  return std::chrono::milliseconds(static_cast<std::int64_t>(std::max(0.0, jittered)));
}

std::chrono::milliseconds rate_limited_backoff_delay(const retry_policy& p, int retry, double random01) noexcept {
  return std::max(backoff_delay(p, retry, random01), p.min_rate_limited_backoff);
}

namespace {

constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();

// Digits only; a number past int64 saturates at int64_max (it can only mean "very long").
std::optional<std::int64_t> parse_non_negative(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.empty() || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec == std::errc::result_out_of_range) return int64_max;
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

std::chrono::milliseconds saturating_seconds(std::int64_t seconds) {
  if (seconds > int64_max / 1000) return std::chrono::milliseconds::max();
  return std::chrono::milliseconds(seconds * 1000);
}

// IMF-fixdate, the only HTTP-date form servers send today: "Sun, 06 Nov 1994 08:49:37 GMT".
std::optional<std::chrono::sys_seconds> parse_http_date(std::string_view s) {
  static constexpr std::string_view months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (s.size() != 29 || s[3] != ',' || s.substr(26) != "GMT") return std::nullopt;
  auto num = [&](std::size_t pos, std::size_t len) { return parse_non_negative(s.substr(pos, len)); };
  auto day = num(5, 2), year = num(12, 4), hh = num(17, 2), mm = num(20, 2), ss = num(23, 2);
  if (!day || !year || !hh || !mm || !ss) return std::nullopt;
  int month = -1;
  for (int i = 0; i < 12; ++i) {
    if (s.substr(8, 3) == months[i]) month = i;
  }
  if (month < 0) return std::nullopt;
  using namespace std::chrono;
  const year_month_day ymd{std::chrono::year(static_cast<int>(*year)),
                           std::chrono::month(static_cast<unsigned>(month + 1)),
                           std::chrono::day(static_cast<unsigned>(*day))};
  if (!ymd.ok()) return std::nullopt;
  return sys_days(ymd) + hours(*hh) + minutes(*mm) + seconds(*ss);
}

}  // namespace

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view retry_after,
                                                           std::string_view retry_after_ms,
                                                           std::chrono::system_clock::time_point now) {
  using namespace std::chrono;
  if (auto ms = parse_non_negative(retry_after_ms)) return milliseconds(*ms);
  if (auto secs = parse_non_negative(retry_after)) return saturating_seconds(*secs);
  if (auto when = parse_http_date(retry_after)) {
    // In whole seconds: the system clock counts nanoseconds, which overflow before year 2263.
    const std::int64_t ahead = (*when - time_point_cast<seconds>(now)).count();
    return ahead <= 0 ? milliseconds(0) : saturating_seconds(ahead);
  }
  return std::nullopt;
}

bool is_retryable_status(unsigned status) noexcept {
  return status == 408 || status == 429 || (status >= 500 && status < 600);
}

}  // namespace flowsdk
