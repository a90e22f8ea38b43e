#pragma once
// A 10ex flows model; the conventions of all of them are in flowsdk/tenex/models.hpp.

#include "flowsdk/tenex/json_key_style.hpp"
#include "flowsdk/tenex/models/retry_backoff.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>

namespace flowsdk::tenex {

/// The retry policy of a step: after the last failed attempt the run takes the step's
/// fallback_step_id, or fails.
struct step_retry {
  std::int64_t max_attempts = 1;  ///< attempts in all, from 1
  retry_backoff backoff = retry_backoff::fixed;
  std::optional<double> delay_seconds;  ///< the first delay; the server's default when absent
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(step_retry, (), (max_attempts, backoff, delay_seconds))

}  // namespace flowsdk::tenex
