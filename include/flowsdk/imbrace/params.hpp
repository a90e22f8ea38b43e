#pragma once
// Parameters of the workflows methods. Each type has a user-provided constructor, so it is safe
// to build inline in a co_await expression on g++ 12 (DESIGN.md section 4): set members on a
// named object, or use the constructor arguments.

#include "flowsdk/imbrace/models.hpp"

#include <boost/describe/class.hpp>

#include <optional>
#include <string>
#include <vector>

namespace flowsdk::imbrace {

/// Filters of list_flows. Unset members are not sent.
class list_flows_params {
 public:
  list_flows_params() {}

  std::optional<int> limit;               ///< page size (server default 10, at most 100)
  std::optional<std::string> project_id;
  std::optional<std::string> folder_id;
  std::optional<flow_status> status;
  std::optional<std::string> cursor;      ///< start from this page instead of the first
};

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
