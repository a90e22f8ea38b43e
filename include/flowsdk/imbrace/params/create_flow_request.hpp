#pragma once
// A parameter type of imbrace::workflows; see flowsdk/imbrace/params.hpp.

#include <boost/describe/class.hpp>

#include <optional>
#include <string>
#include <utility>

namespace flowsdk::imbrace {

/// The body of create_flow.
class create_flow_request {
 public:
  explicit create_flow_request(std::string display_name, std::optional<std::string> project_id = std::nullopt)
      : display_name(std::move(display_name)), project_id(std::move(project_id)) {}

  std::string display_name;
  std::optional<std::string> project_id;
  std::optional<std::string> folder_id;
};
BOOST_DESCRIBE_STRUCT(create_flow_request, (), (display_name, project_id, folder_id))

}  // namespace flowsdk::imbrace
