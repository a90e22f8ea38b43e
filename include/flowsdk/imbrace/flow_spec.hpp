#pragma once
#include "flowsdk/imbrace/flow_action.hpp"
#include "flowsdk/imbrace/flow_trigger.hpp"

#include <optional>
#include <string>
#include <vector>

namespace flowsdk::imbrace {

/// A step for build_flow; a loop step carries its body in `children`.
class flow_step {
 public:
  explicit flow_step(flow_action action, std::vector<flow_step> children = {})
      : action(std::move(action)), children(std::move(children)) {}

  flow_action action;
  std::vector<flow_step> children;  ///< only for loop_on_items steps
};

/// A whole flow for build_flow: a trigger and its steps in order.
class flow_spec {
 public:
  flow_spec(std::string display_name, flow_trigger trigger)
      : display_name(std::move(display_name)), trigger(std::move(trigger)) {}

  std::string display_name;
  flow_trigger trigger;
  std::vector<flow_step> steps;
  std::optional<std::string> project_id;
  std::optional<std::string> folder_id;
  bool publish = false;  ///< LOCK_AND_PUBLISH at the end, which also enables the flow
};

}  // namespace flowsdk::imbrace
