#pragma once
// An Imbrace model; the conventions of all of them are in flowsdk/imbrace/models.hpp.

#include "flowsdk/core/json.hpp"
#include "flowsdk/imbrace/models/connection_type.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

namespace flowsdk::imbrace {

/// A stored credential for a piece. The secret itself is never returned by the server.
struct app_connection {
  std::string id;
  std::string created;
  std::string updated;
  std::string external_id;
  std::string display_name;
  std::string piece_name;
  std::vector<std::string> project_ids;   ///< the server's field
  std::optional<std::string> project_id;  ///< what older servers and the TypeScript types carry
  std::optional<std::string> platform_id;
  std::string scope;   ///< "PROJECT" or "PLATFORM"
  std::string status;  ///< "ACTIVE", "MISSING", "ERROR"
  connection_type type;
  std::optional<std::string> owner_id;
  std::optional<boost::json::object> metadata;
  std::vector<std::string> flow_ids;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(app_connection, (),
                      (id, created, updated, external_id, display_name, piece_name, project_ids, project_id,
                       platform_id, scope, status, type, owner_id, metadata, flow_ids))

}  // namespace flowsdk::imbrace
