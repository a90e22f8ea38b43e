#pragma once
// A parameter type of imbrace::workflows; see flowsdk/imbrace/params.hpp.

#include <boost/describe/class.hpp>

#include <string>
#include <utility>

namespace flowsdk::imbrace {

/// The body of create_folder.
class create_folder_request {
 public:
  create_folder_request(std::string display_name, std::string project_id)
      : display_name(std::move(display_name)), project_id(std::move(project_id)) {}

  std::string display_name;
  std::string project_id;
};
BOOST_DESCRIBE_STRUCT(create_folder_request, (), (display_name, project_id))

}  // namespace flowsdk::imbrace
