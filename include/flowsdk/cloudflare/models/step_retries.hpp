#pragma once
// A Cloudflare Workflows model; the conventions of all of them are in flowsdk/cloudflare/models.hpp.

#include "flowsdk/cloudflare/json_key_style.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace flowsdk::cloudflare {

/// How a step is retried.
struct step_retries {
  std::int64_t limit = 0;
  boost::json::value delay;            ///< milliseconds, a duration string, or "[dynamic]"
  std::optional<std::string> backoff;  ///< "constant", "linear", "exponential"
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(step_retries, (), (limit, delay, backoff))

}  // namespace flowsdk::cloudflare
