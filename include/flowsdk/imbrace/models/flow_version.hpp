#pragma once
// An Imbrace model; the conventions of all of them are in flowsdk/imbrace/models.hpp.

#include "flowsdk/core/json.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

namespace flowsdk::imbrace {

/// A version of a flow: its trigger, with the steps linked from it through `nextAction`.
struct flow_version {
  std::string id;
  std::string created;
  std::string updated;
  std::string flow_id;
  std::string display_name;
  boost::json::object trigger;  ///< {name, type, settings, nextAction?, ...}
  bool valid = false;
  std::string state;  ///< "DRAFT" or "LOCKED"
  std::optional<std::string> updated_by;
  std::vector<std::string> connection_ids;
  std::vector<std::string> agent_ids;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(flow_version, (),
                      (id, created, updated, flow_id, display_name, trigger, valid, state, updated_by, connection_ids,
                       agent_ids))

}  // namespace flowsdk::imbrace
