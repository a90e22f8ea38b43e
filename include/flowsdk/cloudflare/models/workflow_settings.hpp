#pragma once
// A Cloudflare Workflows model; the conventions of all of them are in flowsdk/cloudflare/models.hpp.

#include "flowsdk/cloudflare/json_key_style.hpp"
#include "flowsdk/cloudflare/models/retention.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <optional>

namespace flowsdk::cloudflare {

/// Account-wide defaults of the Workflows service. Not an aggregate, so it is safe to build in
/// a co_await expression on g++ 12.
struct workflow_settings {
  workflow_settings() {}
  std::optional<retention> default_retention;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(workflow_settings, (), (default_retention))

}  // namespace flowsdk::cloudflare
