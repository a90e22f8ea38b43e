#pragma once
// A parameter type of imbrace::workflows; see flowsdk/imbrace/params.hpp.

#include "flowsdk/imbrace/models/invitation_type.hpp"

#include <optional>
#include <string>

namespace flowsdk::imbrace {

/// Parameters of list_invitations.
class list_invitations_params {
 public:
  explicit list_invitations_params(invitation_type type) : type(type) {}

  invitation_type type;
  std::optional<int> limit;
  std::optional<std::string> cursor;
  std::optional<std::string> project_id;
};

}  // namespace flowsdk::imbrace
