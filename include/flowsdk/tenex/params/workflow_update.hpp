#pragma once
// A parameter type of the 10ex handles; see flowsdk/tenex/params.hpp.

#include "flowsdk/tenex/json_key_style.hpp"
#include "flowsdk/tenex/models/workflow_status.hpp"

#include <boost/describe/class.hpp>

#include <optional>
#include <string>

namespace flowsdk::tenex {

/// The body of workflows::update: only the members that are set are sent.
class workflow_update {
 public:
  workflow_update() {}

  std::optional<std::string> name;
  std::optional<std::string> description;
  /// workflow_status::active or paused only: a workflow is archived with workflows::archive,
  /// and becomes `active` only once it has an active version (409 `no_active_version`).
  std::optional<workflow_status> status;
};
BOOST_DESCRIBE_STRUCT(workflow_update, (), (name, description, status))

}  // namespace flowsdk::tenex
