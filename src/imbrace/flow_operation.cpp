// Builders of flow operations, triggers, actions, connection values and MCP tools: the JSON
// shapes of the engine's flow operations (docs/imbrace.md; the OpenAPI document at
// test/data/imbrace-workflow.openapi.json), written once.
#include "flowsdk/imbrace/connection_value.hpp"
#include "flowsdk/imbrace/flow_operation.hpp"
#include "flowsdk/imbrace/params.hpp"

#include "flowsdk/core/error.hpp"

namespace flowsdk::imbrace {

using boost::json::object;
using boost::json::value;

namespace {

constexpr const char* webhook_piece = "@activepieces/piece-webhook";
constexpr const char* webhook_piece_version = "0.1.24";

// The engine rejects a piece step whose inputs are not all described (400); the SDKs mark each
// input as set by hand.
object manual_property_settings(const object& input) {
  object settings;
  for (const auto& kv : input) settings.emplace(kv.key(), object{{"type", "MANUAL"}});
  return settings;
}

object piece_settings(std::string piece_name, std::string piece_version, const char* name_key, std::string name,
                      object input) {
  object settings{{"pieceName", std::move(piece_name)},
                  {"pieceVersion", std::move(piece_version)},
                  {name_key, std::move(name)},
                  {"propertySettings", manual_property_settings(input)},
                  {"inputUiInfo", object()},
                  {"packageType", "REGISTRY"},
                  {"pieceType", "OFFICIAL"}};
  settings.emplace("input", std::move(input));
  return settings;
}

object step(const std::string& name, std::string display_name, const char* type, object settings) {
  return object{{"name", name},
                {"valid", true},
                {"displayName", std::move(display_name)},
                {"type", type},
                {"settings", std::move(settings)}};
}

const char* location_name(step_location where) {
  switch (where) {
    case step_location::after:
      return "AFTER";
    case step_location::inside_loop:
      return "INSIDE_LOOP";
    case step_location::inside_true_branch:
      return "INSIDE_TRUE_BRANCH";
    case step_location::inside_false_branch:
      return "INSIDE_FALSE_BRANCH";
  }
  return "AFTER";
}

void require(bool ok, const char* why) {
  if (ok) return;
  throw_invalid_argument(why);
}

}  // namespace

// ---- triggers --------------------------------------------------------------------------------

flow_trigger flow_trigger::piece(std::string piece_name, std::string piece_version, std::string trigger_name,
                                 object input, std::string display_name) {
  return flow_trigger(step("trigger", std::move(display_name), "PIECE_TRIGGER",
                           piece_settings(std::move(piece_name), std::move(piece_version), "triggerName",
                                          std::move(trigger_name), std::move(input))));
}

flow_trigger flow_trigger::webhook(std::string display_name) {
  return piece(webhook_piece, webhook_piece_version, "catch_webhook", object{{"authType", "none"}},
               std::move(display_name));
}

flow_trigger flow_trigger::empty() {
  return flow_trigger(object{{"name", "trigger"},
                             {"valid", false},
                             {"displayName", "Select Trigger"},
                             {"type", "EMPTY"},
                             {"settings", object()}});
}

// ---- actions ---------------------------------------------------------------------------------

flow_action flow_action::code(std::string name, std::string display_name, std::string source_code, object input) {
  object settings{{"sourceCode", object{{"code", std::move(source_code)}, {"packageJson", "{}"}}},
                  {"input", std::move(input)},
                  {"inputUiInfo", object()},
                  {"errorHandlingOptions", object{{"continueOnFailure", object{{"value", false}}},
                                                  {"retryOnFailure", object{{"value", false}}}}}};
  auto json = step(name, std::move(display_name), "CODE", std::move(settings));
  return flow_action(std::move(name), std::move(json));
}

flow_action flow_action::piece(std::string name, std::string display_name, std::string piece_name,
                               std::string piece_version, std::string action_name, object input) {
  auto json = step(name, std::move(display_name), "PIECE",
                   piece_settings(std::move(piece_name), std::move(piece_version), "actionName", std::move(action_name),
                                  std::move(input)));
  return flow_action(std::move(name), std::move(json));
}

flow_action flow_action::loop_on_items(std::string name, std::string display_name, std::string items) {
  auto json = step(name, std::move(display_name), "LOOP_ON_ITEMS",
                   object{{"items", std::move(items)}, {"inputUiInfo", object()}});
  return flow_action(std::move(name), std::move(json));
}

flow_action flow_action::return_response(std::string name, value body, int status, object headers) {
  object input{{"status", status}, {"headers", std::move(headers)}, {"body", std::move(body)}};
  return piece(std::move(name), "Return Response", webhook_piece, webhook_piece_version, "return_response",
               std::move(input));
}

void flow_action::rename(std::string name) {
  json_["name"] = name;
  name_ = std::move(name);
}

bool flow_action::is_loop() const noexcept {
  const auto* type = json_.if_contains("type");
  return type && type->is_string() && type->get_string() == "LOOP_ON_ITEMS";
}

// ---- operations ------------------------------------------------------------------------------

flow_operation flow_operation::update_trigger(const flow_trigger& trigger) {
  return flow_operation("UPDATE_TRIGGER", trigger.to_json());
}

flow_operation flow_operation::add_action(std::string parent_step, step_location where, const flow_action& action) {
  require(!parent_step.empty(), "add_action needs the name of the parent step (\"trigger\" for the first)");
  return flow_operation("ADD_ACTION", object{{"parentStep", std::move(parent_step)},
                                             {"stepLocationRelativeToParent", location_name(where)},
                                             {"action", action.to_json()}});
}

flow_operation flow_operation::update_action(const flow_action& action) {
  return flow_operation("UPDATE_ACTION", action.to_json());
}

flow_operation flow_operation::delete_action(std::string step_name) {
  require(!step_name.empty(), "delete_action needs a step name");
  return flow_operation("DELETE_ACTION", object{{"name", std::move(step_name)}});
}

flow_operation flow_operation::lock_and_publish() { return flow_operation("LOCK_AND_PUBLISH", object()); }

flow_operation flow_operation::change_status(const flow_status& status) {
  return flow_operation("CHANGE_STATUS", object{{"status", status.value()}});
}

flow_operation flow_operation::change_name(std::string display_name) {
  require(!display_name.empty(), "change_name needs a display name");
  return flow_operation("CHANGE_NAME", object{{"displayName", std::move(display_name)}});
}

flow_operation flow_operation::change_folder(std::optional<std::string> folder_id) {
  return flow_operation("CHANGE_FOLDER", object{{"folderId", folder_id ? value(*folder_id) : value(nullptr)}});
}

flow_operation flow_operation::raw(std::string type, object request) {
  require(!type.empty(), "a flow operation needs a type");
  return flow_operation(std::move(type), std::move(request));
}

object flow_operation::to_json() const { return object{{"type", type_}, {"request", request_}}; }

// ---- connection values -----------------------------------------------------------------------

namespace {
object oauth2_json(const char* type, const oauth2_grant& g) {
  object o{{"type", type},
           {"client_id", g.client_id},
           {"code", g.code},
           {"redirect_url", g.redirect_url},
           {"props", g.props}};
  if (g.client_secret) o.emplace("client_secret", *g.client_secret);
  if (g.scope) o.emplace("scope", *g.scope);
  if (g.code_challenge) o.emplace("code_challenge", *g.code_challenge);
  return o;
}
}  // namespace

connection_value connection_value::secret_text(std::string secret) {
  return connection_value(connection_type::secret_text,
                          object{{"type", "SECRET_TEXT"}, {"secret_text", std::move(secret)}});
}

connection_value connection_value::basic_auth(std::string username, std::string password) {
  return connection_value(
      connection_type::basic_auth,
      object{{"type", "BASIC_AUTH"}, {"username", std::move(username)}, {"password", std::move(password)}});
}

connection_value connection_value::custom_auth(object props) {
  return connection_value(connection_type::custom_auth, object{{"type", "CUSTOM_AUTH"}, {"props", std::move(props)}});
}

connection_value connection_value::oauth2(const oauth2_grant& grant) {
  return connection_value(connection_type::oauth2, oauth2_json("OAUTH2", grant));
}

connection_value connection_value::cloud_oauth2(const oauth2_grant& grant) {
  return connection_value(connection_type::cloud_oauth2, oauth2_json("CLOUD_OAUTH2", grant));
}

connection_value connection_value::platform_oauth2(const oauth2_grant& grant) {
  return connection_value(connection_type::platform_oauth2, oauth2_json("PLATFORM_OAUTH2", grant));
}

connection_value connection_value::no_auth() {
  return connection_value(connection_type::no_auth, object{{"type", "NO_AUTH"}});
}

// ---- MCP tools -------------------------------------------------------------------------------

mcp_tool_input mcp_tool_input::piece(std::string tool_name, std::string piece_name, std::string piece_version,
                                     std::string action_name, std::optional<std::string> connection_external_id) {
  object metadata{{"pieceName", std::move(piece_name)},
                  {"pieceVersion", std::move(piece_version)},
                  {"actionName", std::move(action_name)}};
  if (connection_external_id) metadata.emplace("connectionExternalId", std::move(*connection_external_id));
  return mcp_tool_input(
      object{{"type", "PIECE"}, {"toolName", std::move(tool_name)}, {"pieceMetadata", std::move(metadata)}});
}

mcp_tool_input mcp_tool_input::flow(std::string tool_name, std::string flow_id) {
  return mcp_tool_input(object{{"type", "FLOW"}, {"toolName", std::move(tool_name)}, {"flowId", std::move(flow_id)}});
}

// ---- models ----------------------------------------------------------------------------------

bool flow_run_status::is_terminal() const noexcept {
  for (const auto* final_status :
       {&succeeded, &failed, &timeout, &canceled, &quota_exceeded, &internal_error, &memory_limit_exceeded, &stopped}) {
    if (*this == *final_status) return true;
  }
  return false;
}

}  // namespace flowsdk::imbrace
