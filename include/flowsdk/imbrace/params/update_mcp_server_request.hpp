#pragma once
// A parameter type of imbrace::workflows; see flowsdk/imbrace/params.hpp.

#include "flowsdk/imbrace/params/mcp_tool_input.hpp"

#include <optional>
#include <string>
#include <vector>

namespace flowsdk::imbrace {

/// The body of update_mcp_server: a new name, and/or a new tool list replacing the old one.
class update_mcp_server_request {
 public:
  update_mcp_server_request() {}

  std::optional<std::string> name;
  std::optional<std::vector<mcp_tool_input>> tools;
};

}  // namespace flowsdk::imbrace
