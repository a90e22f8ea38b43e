#pragma once
// A 10ex flows model; the conventions of all of them are in flowsdk/tenex/models.hpp.

#include "flowsdk/tenex/json_key_style.hpp"
#include "flowsdk/tenex/models/workflow_status.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace flowsdk::tenex {

/// A workflow: its metadata and which of its versions runs. The graph itself is in its
/// versions (workflows::get_version).
struct workflow {
  std::string id;
  std::string name;
  std::optional<std::string> description;
  workflow_status status;
  boost::json::value input_schema;             ///< JSON Schema of a run's input
  boost::json::value output_schema;            ///< null when the workflow declares none
  std::optional<std::int64_t> active_version;  ///< none before a version is activated
  /// The newest version: what replace_graph's `expected_version` is compared with. (The server's
  /// `ETag` header carries the same number; the SDK reads it from here.)
  std::int64_t latest_version = 0;
  std::optional<std::string> template_slug;  ///< the template it was instantiated from
  std::string created_at;
  std::string updated_at;
  std::optional<std::string> archived_at;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(workflow, (),
                      (id, name, description, status, input_schema, output_schema, active_version, latest_version,
                       template_slug, created_at, updated_at, archived_at))

}  // namespace flowsdk::tenex
