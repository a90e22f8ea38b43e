#pragma once
// A parameter type of imbrace::workflows; see flowsdk/imbrace/params.hpp.

#include <optional>
#include <string>

namespace flowsdk::imbrace {

/// Parameters of list_mcp_servers. Without a project id the client resolves the caller's
/// project (see workflows::resolve_project_id).
class list_mcp_servers_params {
 public:
  list_mcp_servers_params() {}

  std::optional<std::string> project_id;
  std::optional<int> limit;
  std::optional<std::string> cursor;
};

}  // namespace flowsdk::imbrace
