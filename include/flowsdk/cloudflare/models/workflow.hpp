#pragma once
// A Cloudflare Workflows model; the conventions of all of them are in flowsdk/cloudflare/models.hpp.

#include "flowsdk/cloudflare/json_key_style.hpp"
#include "flowsdk/cloudflare/models/workflow_schedule.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace flowsdk::cloudflare {

/// A deployed workflow.
struct workflow {
  std::string id;
  std::string name;
  std::string class_name;
  std::string script_name;
  std::string created_on;
  std::string modified_on;
  std::optional<std::string> triggered_on;
  std::map<std::string, std::int64_t, std::less<>> instances;  ///< instance counts by status
  std::vector<workflow_schedule> schedules;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(workflow, (),
                      (id, name, class_name, script_name, created_on, modified_on, triggered_on, instances, schedules))

}  // namespace flowsdk::cloudflare
