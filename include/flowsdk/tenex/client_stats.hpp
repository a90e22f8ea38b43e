#pragma once
#include "flowsdk/http/pool_stats.hpp"
#include "flowsdk/http/rate_budget_stats.hpp"

#include <optional>

namespace flowsdk::tenex {

/// What client::stats() reports: the connection pools, and the request budget when the client
/// has one (client_options::requests_per_minute).
struct client_stats {
  http::pool_stats pool;
  std::optional<http::rate_budget_stats> budget;  ///< queued now, granted, delayed, refused, waited
};

}  // namespace flowsdk::tenex
