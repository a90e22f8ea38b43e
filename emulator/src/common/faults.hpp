#pragma once
// Fault injection: scripted rules first, then random faults at configured rates.

#include "flowsdk/emulator/server.hpp"
#include "common/http_server.hpp"

#include <atomic>
#include <deque>
#include <mutex>
#include <optional>
#include <random>
#include <string_view>

namespace flowsdk::emulator::detail {

class fault_injector {
 public:
  fault_injector(fault_rates rates, std::uint64_t random_seed);

  void add(fault_rule rule);
  void clear();

  /// The fault for a request, consuming one use of the first matching rule that has any left;
  /// otherwise a random fault drawn at the configured rates; otherwise nullopt. Thread-safe.
  std::optional<fault> pick(std::string_view method, std::string_view path);

 private:
  std::mutex mutex_;
  std::deque<fault_rule> rules_;
  fault_rates rates_;
  std::mt19937_64 rng_;
  bool random_enabled_;
  std::atomic<bool> has_rules_{false};  // lets the hot path skip the lock when nothing is scripted
};

/// The message of an injected http_status fault's body.
inline constexpr std::string_view injected_fault_message = "fault injected by the flowsdk emulator";

/// Turns `f` into what the transport does; an http_status fault answers `error_body` (in the
/// format of the vendor that owns the path). For truncated_body, `out.response` must already hold
/// the real answer; the other kinds replace it.
void apply_fault(const fault& f, reply& out, const json::value& error_body);

}  // namespace flowsdk::emulator::detail
