#pragma once
// A parameter type of the 10ex handles; see flowsdk/tenex/params.hpp.

#include "flowsdk/tenex/models/trigger_source.hpp"

#include <optional>
#include <string>

namespace flowsdk::tenex {

/// Filters of triggers::list; unset ones are not sent.
class list_triggers_params {
 public:
  list_triggers_params() {}

  std::optional<std::string> workflow_id;
  std::optional<trigger_source> source;
  std::optional<std::string> event_type;  ///< "lead.created", ...
  std::optional<bool> enabled;
  std::optional<int> limit;  ///< page size, 1..200 (server default 50)
};

}  // namespace flowsdk::tenex
