#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>

namespace flowsdk::http {

/// A snapshot of a rate_budget's counters (rate_budget::stats()).
struct rate_budget_stats {
  std::size_t queued = 0;                     ///< waiters holding a reserved token now, not yet woken
  std::uint64_t granted = 0;                  ///< tokens handed out since the budget was made
  std::uint64_t delayed = 0;                  ///< of those, how many had to wait for theirs
  std::uint64_t refused = 0;                  ///< waits that ended without a token: deadline or cancellation
  std::chrono::milliseconds waited_total{0};  ///< the time granted waiters spent queued, summed
};

}  // namespace flowsdk::http
