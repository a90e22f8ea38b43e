#pragma once
// An Imbrace model; the conventions of all of them are in flowsdk/imbrace/models.hpp.

#include "flowsdk/core/json.hpp"
#include "flowsdk/imbrace/models/flow_status.hpp"
#include "flowsdk/imbrace/models/flow_version.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>

namespace flowsdk::imbrace {

/// A flow with its current (draft or published) version.
struct flow {
  std::string id;
  std::string created;
  std::string updated;
  std::string project_id;
  std::string external_id;
  std::optional<std::string> folder_id;
  flow_status status;
  std::string operation_status;  ///< "NONE", "ENABLING", "DISABLING", "DELETING"
  std::optional<std::string> published_version_id;
  flow_version version;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(flow, (),
                      (id, created, updated, project_id, external_id, folder_id, status, operation_status,
                       published_version_id, version))

}  // namespace flowsdk::imbrace
