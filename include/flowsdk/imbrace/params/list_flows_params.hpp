#pragma once
// A parameter type of imbrace::workflows; see flowsdk/imbrace/params.hpp.

#include "flowsdk/imbrace/models/flow_status.hpp"

#include <optional>
#include <string>

namespace flowsdk::imbrace {

/// Filters of list_flows. Unset members are not sent.
class list_flows_params {
 public:
  list_flows_params() {}

  std::optional<int> limit;  ///< page size (server default 10, at most 100)
  std::optional<std::string> project_id;
  std::optional<std::string> folder_id;
  std::optional<flow_status> status;
  std::optional<std::string> cursor;  ///< start from this page instead of the first
};

}  // namespace flowsdk::imbrace
