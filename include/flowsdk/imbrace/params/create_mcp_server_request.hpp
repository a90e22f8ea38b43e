#pragma once
// A parameter type of imbrace::workflows; see flowsdk/imbrace/params.hpp.

#include <boost/describe/class.hpp>

#include <optional>
#include <string>
#include <utility>

namespace flowsdk::imbrace {

/// The body of create_mcp_server; the project is resolved when not given.
class create_mcp_server_request {
 public:
  explicit create_mcp_server_request(std::optional<std::string> name = std::nullopt,
                                     std::optional<std::string> project_id = std::nullopt)
      : name(std::move(name)), project_id(std::move(project_id)) {}

  std::optional<std::string> name;
  std::optional<std::string> project_id;
};
BOOST_DESCRIBE_STRUCT(create_mcp_server_request, (), (name, project_id))

}  // namespace flowsdk::imbrace
