#pragma once
// A parameter type of imbrace::workflows; see flowsdk/imbrace/params.hpp.

#include "flowsdk/imbrace/connection_value.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <utility>

namespace flowsdk::imbrace {

/// The body of upsert_connection. A connection with the same external id in the project is
/// replaced.
class upsert_connection_request {
 public:
  upsert_connection_request(std::string external_id, std::string display_name, std::string piece_name,
                            std::string project_id, connection_value value)
      : external_id(std::move(external_id)),
        display_name(std::move(display_name)),
        piece_name(std::move(piece_name)),
        project_id(std::move(project_id)),
        value(std::move(value)) {}

  std::string external_id;
  std::string display_name;
  std::string piece_name;
  std::string project_id;
  connection_value value;
  std::optional<boost::json::object> metadata;
};

}  // namespace flowsdk::imbrace
