#pragma once
#include <boost/json/object.hpp>

#include <string>

namespace flowsdk::imbrace {

/// What starts a flow: the `request` of an UPDATE_TRIGGER operation.
class flow_trigger {
 public:
  /// A trigger of a piece, e.g. ("@activepieces/piece-schedule", "0.1.5", "every_hour", {...}).
  /// Every input key is marked as manually set (`propertySettings`), which the engine requires.
  static flow_trigger piece(std::string piece_name, std::string piece_version, std::string trigger_name,
                            boost::json::object input = {}, std::string display_name = "Trigger");
  /// The webhook trigger (`@activepieces/piece-webhook` `catch_webhook`, no auth): what
  /// trigger_flow and trigger_flow_sync call.
  static flow_trigger webhook(std::string display_name = "Catch Webhook");
  /// No trigger yet ("Select Trigger"), as a new flow has.
  static flow_trigger empty();

  /// The JSON the engine expects as the operation's request.
  const boost::json::object& to_json() const noexcept { return json_; }

 private:
  explicit flow_trigger(boost::json::object json) : json_(std::move(json)) {}
  boost::json::object json_;
};

}  // namespace flowsdk::imbrace
