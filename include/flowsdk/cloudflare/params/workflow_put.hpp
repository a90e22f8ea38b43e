#pragma once
// A parameter type of the Cloudflare handles; see flowsdk/cloudflare/params.hpp.

#include "flowsdk/cloudflare/json_key_style.hpp"
#include "flowsdk/cloudflare/models/retention.hpp"
#include "flowsdk/cloudflare/models/workflow_limits.hpp"
#include "flowsdk/cloudflare/params/workflow_schedule_input.hpp"

#include <boost/describe/class.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace flowsdk::cloudflare {

/// The body of put_workflow: deploys a class of a Worker script as a workflow.
class workflow_put {
 public:
  workflow_put(std::string class_name, std::string script_name)
      : class_name(std::move(class_name)), script_name(std::move(script_name)) {}

  std::string class_name;
  std::string script_name;
  std::optional<retention> default_retention;
  std::optional<workflow_limits> limits;
  std::optional<std::vector<workflow_schedule_input>> schedules;
};
BOOST_DESCRIBE_STRUCT(workflow_put, (), (class_name, script_name, default_retention, limits, schedules))

}  // namespace flowsdk::cloudflare
