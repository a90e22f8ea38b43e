#pragma once
// A parameter type of the 10ex handles; see flowsdk/tenex/params.hpp.

#include "flowsdk/tenex/models/workflow_status.hpp"

#include <optional>
#include <string>

namespace flowsdk::tenex {

/// Filters of workflows::list.
class list_workflows_params {
 public:
  list_workflows_params() {}

  std::optional<workflow_status> status;
  std::optional<std::string> q;  ///< free-text search
  std::optional<int> limit;      ///< page size, 1..200; the server's 50 when absent
};

}  // namespace flowsdk::tenex
