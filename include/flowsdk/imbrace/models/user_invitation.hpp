#pragma once
// An Imbrace model; the conventions of all of them are in flowsdk/imbrace/models.hpp.

#include "flowsdk/core/json.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>

namespace flowsdk::imbrace {

/// An invitation of a user to the platform or a project.
struct user_invitation {
  std::string id;
  std::string created;
  std::string updated;
  std::string email;
  std::string type;    ///< "PLATFORM" or "PROJECT"
  std::string status;  ///< "PENDING" or "ACCEPTED"
  std::string platform_id;
  std::optional<std::string> platform_role;
  std::optional<std::string> project_id;
  std::optional<std::string> project_role_id;
  std::optional<boost::json::object> project_role;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(user_invitation, (),
                      (id, created, updated, email, type, status, platform_id, platform_role, project_id,
                       project_role_id, project_role))

}  // namespace flowsdk::imbrace
