#pragma once
// When and how long the transport waits before sending a request again.

#include <chrono>
#include <optional>
#include <string_view>

namespace flowsdk {

/// Retried: connection failures, timeouts, 408, 429 and 5xx. A request that is not idempotent
/// (a POST without an idempotency key) is retried only when the failure proves it never left
/// (resolve, connect or TLS failure, or no free connection before the deadline).
struct retry_policy {
  int max_retries = 2;                             ///< retries after the first attempt
  std::chrono::milliseconds initial_backoff{250};  ///< delay before the first retry
  std::chrono::milliseconds max_backoff{8'000};    ///< cap of the exponential delay
  double multiplier = 2.0;                         ///< growth of the delay per retry
  double jitter = 0.25;                            ///< the delay shrinks at random by up to this fraction
  /// A server's Retry-After (or retry-after-ms) replaces the computed delay up to this cap; a
  /// longer one ends the retries and is reported in error_details::retry_after.
  std::chrono::milliseconds max_retry_after{60'000};
  /// The shortest wait before retrying a 429 that came without Retry-After (or retry-after-ms),
  /// applied after jitter: an API that says "never retry tighter than 1 s on 429" (10ex) sets
  /// 1 s. Zero (the default): the computed backoff alone.
  std::chrono::milliseconds min_rate_limited_backoff{0};
};

/// The delay before retry number `retry` (1 for the first), given a uniform random number in
/// [0, 1): initial_backoff * multiplier^(retry-1), capped, then reduced by jitter * random.
std::chrono::milliseconds backoff_delay(const retry_policy& policy, int retry, double random01) noexcept;

/// The delay before retry number `retry` after a 429 without Retry-After: backoff_delay, but
/// never less than min_rate_limited_backoff (jitter cannot take it below the floor).
std::chrono::milliseconds rate_limited_backoff_delay(const retry_policy& policy, int retry, double random01) noexcept;

/// The server's requested delay: `retry-after-ms` (milliseconds) wins over `Retry-After`, which is
/// either delta-seconds or an HTTP date (compared with `now`). nullopt when absent or malformed.
/// Saturates: a delay too long for milliseconds (or a number too long for int64) comes back as
/// std::chrono::milliseconds::max(), which is past any max_retry_after, so the call fails at once.
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view retry_after,
                                                           std::string_view retry_after_ms,
                                                           std::chrono::system_clock::time_point now);

/// True for statuses worth another attempt: 408, 429 and 5xx.
bool is_retryable_status(unsigned status) noexcept;

}  // namespace flowsdk
