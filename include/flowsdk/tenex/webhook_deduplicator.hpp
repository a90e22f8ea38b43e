#pragma once
// Remembering which webhook events were already handled: 10ex delivers an event again (up to 5
// retries) when an acknowledgement is lost or late.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace flowsdk::tenex {

/// The ids of the last `capacity` events seen, oldest forgotten first. Thread-safe: one
/// instance may serve every request handler of a receiver. Memory is bounded by `capacity` ids.
/// Size it to cover the retry span: 10ex's last retry comes about 31 s after the first delivery,
/// so capacity >= the most events a receiver gets in a minute or two.
class webhook_deduplicator {
 public:
  /// Throws flowsdk::error(errc::invalid_argument) for a capacity of 0.
  explicit webhook_deduplicator(std::size_t capacity = 10'000);

  /// True the first time `event_id` is seen (within the last `capacity` ids): handle the event;
  /// false for a repeat delivery: acknowledge it with a 2xx and do nothing else.
  bool first_delivery(std::string_view event_id);

  /// Forgets `event_id`, so that its next delivery counts as a first one: call it when handling
  /// failed and the receiver answers non-2xx to get the event again.
  void forget(std::string_view event_id);

  std::size_t size() const;  ///< ids remembered now
  std::size_t capacity() const noexcept { return capacity_; }

 private:
  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::uint64_t next_ticket_ = 0;
  std::unordered_map<std::string, std::uint64_t> seen_;         ///< id -> the ticket it was last added with
  std::deque<std::pair<std::string, std::uint64_t>> arrivals_;  ///< oldest first; stale after forget()
};

}  // namespace flowsdk::tenex
