#pragma once
// A Cloudflare Workflows model; the conventions of all of them are in flowsdk/cloudflare/models.hpp.

#include "flowsdk/cloudflare/json_key_style.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>

namespace flowsdk::cloudflare {

/// Limits of a workflow's instances.
struct workflow_limits {
  std::optional<std::int64_t> steps;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(workflow_limits, (), (steps))

}  // namespace flowsdk::cloudflare
