#pragma once
// A parameter type of the 10ex handles; see flowsdk/tenex/params.hpp.

#include "flowsdk/tenex/json_key_style.hpp"
#include "flowsdk/tenex/models/trigger_source.hpp"
#include "flowsdk/tenex/models/trigger_target_type.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>

namespace flowsdk::tenex {

/// A partial change for triggers::update (`PATCH`): only the members set are sent, the others
/// keep their values. `update.enabled = false` disables a trigger.
class trigger_update {
 public:
  trigger_update() {}

  std::optional<std::string> workflow_id;
  std::optional<trigger_source> source;
  std::optional<std::string> event_type;
  std::optional<std::string> cron;
  std::optional<std::string> timezone;
  std::optional<boost::json::object> filter;
  std::optional<boost::json::object> input_mapping;
  std::optional<trigger_target_type> target_type;
  std::optional<std::string> target_url;
  std::optional<bool> enabled;
  /// Keys this release does not know, sent as they are.
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(trigger_update, (),
                      (workflow_id, source, event_type, cron, timezone, filter, input_mapping, target_type, target_url,
                       enabled))

}  // namespace flowsdk::tenex
