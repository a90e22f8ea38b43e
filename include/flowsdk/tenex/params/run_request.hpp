#pragma once
// A parameter type of the 10ex handles; see flowsdk/tenex/params.hpp.

#include <boost/json/object.hpp>

#include <optional>
#include <utility>

namespace flowsdk::tenex {

/// A manual run: `{input, version?}` for runs::trigger (the REST form of the `trigger_workflow`
/// MCP tool's `payload`).
class run_request {
 public:
  run_request() {}
  /// Implicit, so that `runs.trigger(workflow_id, input)` reads like the MCP tool.
  run_request(boost::json::object input) : input(std::move(input)) {}

  /// The typed input payload, checked by the server against the version's input_schema (422).
  boost::json::object input;
  /// The version to run; nullopt runs the active one. Naming one also runs a draft workflow.
  std::optional<int> version;
};

}  // namespace flowsdk::tenex
