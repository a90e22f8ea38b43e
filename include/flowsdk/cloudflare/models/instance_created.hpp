#pragma once
// A Cloudflare Workflows model; the conventions of all of them are in flowsdk/cloudflare/models.hpp.

#include "flowsdk/cloudflare/json_key_style.hpp"
#include "flowsdk/cloudflare/models/instance_status.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>

namespace flowsdk::cloudflare {

/// An instance as create and bulk create answer.
struct instance_created {
  std::string id;
  instance_status status;
  std::string version_id;
  std::string workflow_id;
  std::optional<std::string> trigger_source;  ///< "api", "binding", "event", "cron", "unknown"
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(instance_created, (), (id, status, version_id, workflow_id, trigger_source))

}  // namespace flowsdk::cloudflare
