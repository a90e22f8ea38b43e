#pragma once
// A Cloudflare Workflows model; the conventions of all of them are in flowsdk/cloudflare/models.hpp.

#include "flowsdk/cloudflare/json_key_style.hpp"
#include "flowsdk/cloudflare/models/instance_status.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>

namespace flowsdk::cloudflare {

/// An instance as lists show it.
struct instance_summary {
  std::string id;
  instance_status status;
  std::string version_id;
  std::string workflow_id;
  std::optional<std::string> trigger_source;
  std::string created_on;
  std::string modified_on;
  std::optional<std::string> started_on;
  std::optional<std::string> ended_on;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(instance_summary, (),
                      (id, status, version_id, workflow_id, trigger_source, created_on, modified_on, started_on,
                       ended_on))

}  // namespace flowsdk::cloudflare
