#pragma once
#include "flowsdk/http/transport_options.hpp"
#include "flowsdk/tenex/credentials.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace flowsdk::tenex {

/// The production flows API; the workspace is implied by the credentials.
inline constexpr const char* default_base_url = "https://api.10ex.ai/api/v1/flows";
/// 10ex's documented budget per key: 1000 requests a minute
/// (https://docs.10ex.ai/guides/developers/rate-limits).
inline constexpr int documented_requests_per_minute = 1000;

struct client_options {
  /// Everything up to and including `/api/v1/flows`; every route is relative to it.
  std::string base_url = default_base_url;
  tenex::credentials credentials;
  http::transport_options transport = default_transport();
  /// A client-side budget of requests per minute, shared by every coroutine using this client
  /// and drawn on by every attempt (retries included): a call past it waits for its turn
  /// instead of being spent on a 429. nullopt (the default): no budget;
  /// documented_requests_per_minute is 10ex's own limit per key. A token bucket of this rate
  /// with a burst of 90% of it (http::rate_budget::per_minute); a wait that would pass the
  /// call's deadline fails with errc::timeout before anything is sent. Below 1:
  /// errc::invalid_argument from the client's constructor. client::stats().budget reports it.
  std::optional<int> requests_per_minute;

  /// Options from the environment (docs/configuration.md), the rest at their defaults:
  /// credentials from TENEX_API_KEY (a workspace key, `tnx_...`); `base_url` from
  /// TENEX_API_BASE (everything up to and including `/api/v1/flows`); transport.tls.ca_file
  /// from FLOWSDK_CA_FILE. An empty variable counts as unset. Throws flowsdk::error
  /// (errc::invalid_argument) naming the variable when TENEX_API_KEY is unset or not a 10ex
  /// key, or TENEX_API_BASE is not an http(s) URL; never prints a secret.
  static client_options from_env();

  /// 10ex's guidance: back off exponentially with jitter on 429 and 5xx, `min(2^n, 60)` s, never
  /// tighter than 1 s on a 429 (v1 sends no Retry-After; one that appears is honoured).
  static http::transport_options default_transport() {
    http::transport_options t;
    t.retry.max_retries = 4;
    t.retry.initial_backoff = std::chrono::seconds(1);
    t.retry.max_backoff = std::chrono::seconds(60);
    t.retry.multiplier = 2.0;
    t.retry.min_rate_limited_backoff = std::chrono::seconds(1);
    return t;
  }
};

}  // namespace flowsdk::tenex
