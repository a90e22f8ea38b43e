#pragma once
// A Cloudflare Workflows model; the conventions of all of them are in flowsdk/cloudflare/models.hpp.

#include "flowsdk/cloudflare/json_key_style.hpp"
#include "flowsdk/cloudflare/models/error_info.hpp"
#include "flowsdk/cloudflare/models/instance_schedule.hpp"
#include "flowsdk/cloudflare/models/instance_status.hpp"
#include "flowsdk/cloudflare/models/instance_step.hpp"
#include "flowsdk/cloudflare/models/rollback_info.hpp"
#include "flowsdk/cloudflare/models/trigger_info.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flowsdk::cloudflare {

/// An instance with its parameters, outcome and step log.
struct instance_details {
  instance_status status;
  boost::json::value params;
  std::optional<trigger_info> trigger;
  std::string version_id;
  std::string queued;
  std::optional<std::string> start;
  std::optional<std::string> end;
  std::optional<bool> success;
  std::optional<error_info> error;
  boost::json::value output;  ///< the workflow's return value, any JSON
  std::int64_t step_count = 0;
  std::vector<instance_step> steps;  ///< empty when asked with simple = true
  std::optional<rollback_info> rollback;
  std::optional<instance_schedule> schedule;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(instance_details, (),
                      (status, params, trigger, version_id, queued, start, end, success, error, output, step_count,
                       steps, rollback, schedule))

/// `version_id` is "versionId" on the wire: a camelCase exception of this snake_case API.
constexpr std::string_view json_rename(const instance_details*, std::string_view member) {
  return member == "version_id" ? "versionId" : "";
}

}  // namespace flowsdk::cloudflare
