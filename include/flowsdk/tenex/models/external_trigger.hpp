#pragma once
// A 10ex flows model; the conventions of all of them are in flowsdk/tenex/models.hpp.

#include "flowsdk/tenex/json_key_style.hpp"
#include "flowsdk/tenex/models/trigger_source.hpp"
#include "flowsdk/tenex/models/trigger_target_type.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>

namespace flowsdk::tenex {

/// A CRM, connector or schedule event source bound to a workflow or a webhook (`ExternalTrigger`).
struct external_trigger {
  std::string id;
  std::optional<std::string> workflow_id;  ///< the workflow it starts; empty for a webhook target
  trigger_source source;
  std::optional<std::string> event_type;      ///< crm and connector: "lead.created", "segment.membership.added", ...
  std::optional<std::string> cron;            ///< schedule: a cron expression
  std::optional<std::string> timezone;        ///< schedule: the zone the cron expression is read in
  std::optional<boost::json::object> filter;  ///< a predicate on the event, e.g. {"segment_id": "seg_1"}
  std::optional<boost::json::object> input_mapping;  ///< run input field -> JSONPath into the event
  trigger_target_type target_type;
  std::optional<std::string> target_url;  ///< when target_type is webhook
  bool enabled = false;
  std::string created_at;
  std::string updated_at;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(external_trigger, (),
                      (id, workflow_id, source, event_type, cron, timezone, filter, input_mapping, target_type,
                       target_url, enabled, created_at, updated_at))

}  // namespace flowsdk::tenex
