#pragma once
// A Cloudflare Workflows model; the conventions of all of them are in flowsdk/cloudflare/models.hpp.

#include "flowsdk/cloudflare/json_key_style.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace flowsdk::cloudflare {

/// What put_workflow answers.
struct workflow_put_result {
  std::string id;
  std::string name;
  std::string class_name;
  std::string script_name;
  std::string created_on;
  std::string modified_on;
  std::optional<std::string> triggered_on;
  std::string version_id;
  std::int64_t is_deleted = 0;
  std::int64_t terminator_running = 0;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(workflow_put_result, (),
                      (id, name, class_name, script_name, created_on, modified_on, triggered_on, version_id, is_deleted,
                       terminator_running))

}  // namespace flowsdk::cloudflare
