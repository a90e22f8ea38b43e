#pragma once
// A parameter type of imbrace::workflows; see flowsdk/imbrace/params.hpp.

#include <optional>
#include <string>

namespace flowsdk::imbrace {

/// Filters of list_connections.
class list_connections_params {
 public:
  list_connections_params() {}

  std::optional<int> limit;
  std::optional<std::string> cursor;
  std::optional<std::string> project_id;
  std::optional<std::string> piece_name;
};

}  // namespace flowsdk::imbrace
