#pragma once
#include "flowsdk/imbrace/flow_action.hpp"
#include "flowsdk/imbrace/flow_trigger.hpp"
#include "flowsdk/imbrace/models/flow_status.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

namespace flowsdk::imbrace {

/// Where ADD_ACTION puts a step relative to its parent step.
enum class step_location { after, inside_loop, inside_true_branch, inside_false_branch };

/// One edit of a flow's draft, `{"type": ..., "request": {...}}`, for apply_flow_operation.
/// The factories cover the operations users need; raw() sends any other type the engine knows.
class flow_operation {
 public:
  static flow_operation update_trigger(const flow_trigger& trigger);
  static flow_operation add_action(std::string parent_step, step_location where, const flow_action& action);
  static flow_operation update_action(const flow_action& action);
  static flow_operation delete_action(std::string step_name);
  static flow_operation lock_and_publish();
  static flow_operation change_status(const flow_status& status);
  static flow_operation change_name(std::string display_name);
  /// Moves the flow into a folder, or out of any folder with nullopt.
  static flow_operation change_folder(std::optional<std::string> folder_id);
  /// Any operation type with a hand-built request (e.g. "MOVE_ACTION", "DUPLICATE_ACTION").
  static flow_operation raw(std::string type, boost::json::object request);

  const std::string& type() const noexcept { return type_; }
  const boost::json::object& request() const noexcept { return request_; }
  boost::json::object to_json() const;

 private:
  flow_operation(std::string type, boost::json::object request)
      : type_(std::move(type)), request_(std::move(request)) {}
  std::string type_;
  boost::json::object request_;
};

}  // namespace flowsdk::imbrace
