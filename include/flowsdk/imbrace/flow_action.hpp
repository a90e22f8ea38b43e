#pragma once
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>

namespace flowsdk::imbrace {

/// A step of a flow: the `action` of an ADD_ACTION or the request of an UPDATE_ACTION.
/// `name` is the step's unique name in the flow ("step_1"); build_flow assigns names itself.
class flow_action {
 public:
  /// A CODE step running `source_code` (a TypeScript module exporting `code`).
  static flow_action code(std::string name, std::string display_name, std::string source_code,
                          boost::json::object input = {});
  /// A piece action, e.g. ("step_2", "Send", "@activepieces/piece-slack", "0.5.0", "send_message", {...}).
  static flow_action piece(std::string name, std::string display_name, std::string piece_name,
                           std::string piece_version, std::string action_name, boost::json::object input = {});
  /// A loop over `items` (an expression such as "{{trigger.body.items}}"); its body is added
  /// INSIDE_LOOP of it.
  static flow_action loop_on_items(std::string name, std::string display_name, std::string items);
  /// The webhook piece's "Return Response": what a sync trigger answers. `body` may use
  /// `{{trigger.body...}}` templates.
  static flow_action return_response(std::string name, boost::json::value body, int status = 200,
                                     boost::json::object headers = {});

  const std::string& name() const noexcept { return name_; }
  /// Gives the step another name (build_flow numbers steps in document order).
  void rename(std::string name);
  bool is_loop() const noexcept;

  const boost::json::object& to_json() const noexcept { return json_; }

 private:
  flow_action(std::string name, boost::json::object json) : name_(std::move(name)), json_(std::move(json)) {}
  std::string name_;
  boost::json::object json_;
};

}  // namespace flowsdk::imbrace
