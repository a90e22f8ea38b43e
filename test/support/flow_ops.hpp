#pragma once
// Flow operation bodies used by integration tests (the shapes docs/imbrace.md lists).

#include <boost/json/object.hpp>

#include <string>

namespace flowsdk::test {

inline boost::json::object webhook_trigger_op() {
  namespace json = boost::json;
  return {{"type", "UPDATE_TRIGGER"},
          {"request",
           {{"name", "trigger"},
            {"valid", true},
            {"displayName", "Catch Webhook"},
            {"type", "PIECE_TRIGGER"},
            {"settings",
             {{"pieceName", "@activepieces/piece-webhook"},
              {"pieceVersion", "0.1.24"},
              {"triggerName", "catch_webhook"},
              {"input", {{"authType", "none"}}},
              {"propertySettings", {{"authType", {{"type", "MANUAL"}}}}}}}}}};
}

inline boost::json::object piece_step_op(std::string name, std::string parent, boost::json::object input,
                                         std::string action = "return_response") {
  namespace json = boost::json;
  return {{"type", "ADD_ACTION"},
          {"request",
           {{"parentStep", parent},
            {"stepLocationRelativeToParent", "AFTER"},
            {"action",
             {{"name", name},
              {"valid", true},
              {"displayName", name},
              {"type", "PIECE"},
              {"settings",
               {{"pieceName", "@activepieces/piece-webhook"},
                {"pieceVersion", "0.1.24"},
                {"actionName", action},
                {"input", input},
                {"propertySettings", json::object()}}}}}}}};
}

inline boost::json::object code_step_op(std::string name, std::string parent, std::string code) {
  namespace json = boost::json;
  return {{"type", "ADD_ACTION"},
          {"request",
           {{"parentStep", parent},
            {"stepLocationRelativeToParent", "AFTER"},
            {"action",
             {{"name", name},
              {"valid", true},
              {"displayName", name},
              {"type", "CODE"},
              {"settings", {{"sourceCode", {{"code", code}, {"packageJson", "{}"}}}, {"input", json::object()}}}}}}}};
}

inline boost::json::object publish_op() { return {{"type", "LOCK_AND_PUBLISH"}, {"request", boost::json::object()}}; }

}  // namespace flowsdk::test
