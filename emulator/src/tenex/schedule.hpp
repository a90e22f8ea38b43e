#pragma once
// Cron expressions of 10ex schedule triggers: five fields (minute hour day-of-month month
// day-of-week), each `*`, a number, a range `a-b`, a list `a,b,...` or a step `*/n` / `a-b/n`;
// evaluated in UTC (the emulator ignores `timezone`). Both day fields restrict when neither is `*`
// only if both match (a simplification of Vixie cron's "either").

#include "common/util.hpp"

#include <bitset>
#include <optional>
#include <string_view>

namespace flowsdk::emulator::detail::tenex {

class cron {
 public:
  static std::optional<cron> parse(std::string_view text);
  /// The first whole minute strictly after `t` that matches; nullopt when none within ~4 years.
  std::optional<epoch_ms> next_after(epoch_ms t) const;

 private:
  std::bitset<60> minute_;
  std::bitset<24> hour_;
  std::bitset<32> day_;
  std::bitset<13> month_;
  std::bitset<7> weekday_;
};

}  // namespace flowsdk::emulator::detail::tenex
