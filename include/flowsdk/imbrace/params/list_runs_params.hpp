#pragma once
// A parameter type of imbrace::workflows; see flowsdk/imbrace/params.hpp.

#include "flowsdk/imbrace/models/flow_run_status.hpp"

#include <optional>
#include <string>
#include <vector>

namespace flowsdk::imbrace {

/// Filters of list_runs. Unset members are not sent.
class list_runs_params {
 public:
  list_runs_params() {}

  std::optional<int> limit;
  std::optional<std::string> flow_id;
  std::optional<std::string> project_id;
  std::optional<flow_run_status> status;
  std::vector<std::string> tags;              ///< runs carrying any of these tags
  std::optional<std::string> created_after;   ///< ISO-8601
  std::optional<std::string> created_before;  ///< ISO-8601
  std::optional<std::string> cursor;
};

}  // namespace flowsdk::imbrace
