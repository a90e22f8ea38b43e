#pragma once
// A Cloudflare Workflows model; the conventions of all of them are in flowsdk/cloudflare/models.hpp.

#include "flowsdk/cloudflare/json_key_style.hpp"
#include "flowsdk/cloudflare/models/error_info.hpp"
#include "flowsdk/cloudflare/models/step_attempt.hpp"
#include "flowsdk/cloudflare/models/step_config.hpp"
#include "flowsdk/cloudflare/models/trigger_info.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <vector>

namespace flowsdk::cloudflare {

/// One entry of an instance's step log. The API sends a union discriminated by `type`; the
/// members that apply to each type:
///   "step", "rollback": name, start, end, success, output, attempts, config
///   "sleep":            name, start, end, finished, error
///   "waitForEvent":     name, start, end, finished, error, event_type, output
///   "termination":      trigger
struct instance_step {
  std::string type;
  std::string name;
  std::optional<std::string> start;
  std::optional<std::string> end;
  std::optional<bool> success;
  std::optional<bool> finished;
  boost::json::value output;
  std::vector<step_attempt> attempts;
  std::optional<step_config> config;
  std::optional<error_info> error;
  std::optional<std::string> event_type;
  std::optional<trigger_info> trigger;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(instance_step, (),
                      (type, name, start, end, success, finished, output, attempts, config, error, event_type, trigger))

}  // namespace flowsdk::cloudflare
