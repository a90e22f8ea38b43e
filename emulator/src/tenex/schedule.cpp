#include "tenex/schedule.hpp"

#include <charconv>
#include <ctime>
#include <vector>

namespace flowsdk::emulator::detail::tenex {

namespace {

std::optional<int> number(std::string_view s) {
  int v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

// Sets the bits of one field; false on a syntax or range error.
template <std::size_t N>
bool parse_field(std::string_view f, int lo, int hi, std::bitset<N>& out) {
  while (!f.empty()) {
    const auto comma = f.find(',');
    auto part = f.substr(0, comma);
    f = comma == std::string_view::npos ? std::string_view{} : f.substr(comma + 1);
    int step = 1;
    if (const auto slash = part.find('/'); slash != std::string_view::npos) {
      const auto s = number(part.substr(slash + 1));
      if (!s || *s < 1) return false;
      step = *s;
      part = part.substr(0, slash);
    }
    int a = lo, b = hi;
    if (part != "*") {
      const auto dash = part.find('-');
      const auto x = number(part.substr(0, dash));
      const auto y = dash == std::string_view::npos ? x : number(part.substr(dash + 1));
      if (!x || !y || *x < lo || *y > hi || *x > *y) return false;
      a = *x;
      b = *y;
    }
    for (int v = a; v <= b; v += step) out.set(static_cast<std::size_t>(v));
  }
  return true;
}

}  // namespace

std::optional<cron> cron::parse(std::string_view text) {
  std::vector<std::string_view> fields;
  std::size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && text[pos] == ' ') ++pos;
    const auto start = pos;
    while (pos < text.size() && text[pos] != ' ') ++pos;
    if (pos > start) fields.push_back(text.substr(start, pos - start));
  }
  if (fields.size() != 5) return std::nullopt;
  cron c;
  if (!parse_field(fields[0], 0, 59, c.minute_) || !parse_field(fields[1], 0, 23, c.hour_) ||
      !parse_field(fields[2], 1, 31, c.day_) || !parse_field(fields[3], 1, 12, c.month_) ||
      !parse_field(fields[4], 0, 6, c.weekday_))
    return std::nullopt;
  return c;
}

std::optional<epoch_ms> cron::next_after(epoch_ms t) const {
  constexpr epoch_ms minute = 60'000;
  epoch_ms m = (t / minute + 1) * minute;
  for (int k = 0; k < 4 * 366 * 24 * 60; ++k, m += minute) {
    const std::time_t secs = static_cast<std::time_t>(m / 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    if (!month_.test(static_cast<std::size_t>(tm.tm_mon) + 1) || !day_.test(static_cast<std::size_t>(tm.tm_mday)) ||
        !weekday_.test(static_cast<std::size_t>(tm.tm_wday))) {
      m += (24 * 60 - tm.tm_hour * 60 - tm.tm_min - 1) * minute;  // to the last minute of the day
      continue;
    }
    if (!hour_.test(static_cast<std::size_t>(tm.tm_hour))) {
      m += (59 - tm.tm_min) * minute;
      continue;
    }
    if (minute_.test(static_cast<std::size_t>(tm.tm_min))) return m;
  }
  return std::nullopt;
}

}  // namespace flowsdk::emulator::detail::tenex
