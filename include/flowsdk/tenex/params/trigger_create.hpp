#pragma once
// A parameter type of the 10ex handles; see flowsdk/tenex/params.hpp.

#include "flowsdk/tenex/json_key_style.hpp"
#include "flowsdk/tenex/models/trigger_source.hpp"
#include "flowsdk/tenex/models/trigger_target_type.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <utility>

namespace flowsdk::tenex {

/// A new external trigger for triggers::create: an `ExternalTrigger` without its server fields.
/// Unset optionals are not sent.
class trigger_create {
 public:
  trigger_create() {}
  explicit trigger_create(trigger_source source) : source(std::move(source)) {}

  std::optional<std::string> workflow_id;  ///< required by the server when target_type is workflow
  trigger_source source;
  std::optional<std::string> event_type;  ///< crm and connector sources
  std::optional<std::string> cron;        ///< schedule source
  std::optional<std::string> timezone;    ///< schedule source, e.g. "Europe/Paris"
  std::optional<boost::json::object> filter;
  std::optional<boost::json::object> input_mapping;  ///< run input field -> JSONPath, e.g. "$.data.lead_id"
  trigger_target_type target_type = trigger_target_type::workflow;
  std::optional<std::string> target_url;  ///< required by the server when target_type is webhook
  bool enabled = true;
  /// Keys this release does not know, sent as they are.
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(trigger_create, (),
                      (workflow_id, source, event_type, cron, timezone, filter, input_mapping, target_type, target_url,
                       enabled))

}  // namespace flowsdk::tenex
