#pragma once
// A Cloudflare Workflows model; the conventions of all of them are in flowsdk/cloudflare/models.hpp.

#include "flowsdk/cloudflare/json_key_style.hpp"
#include "flowsdk/cloudflare/models/retention.hpp"
#include "flowsdk/cloudflare/models/workflow_limits.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>

namespace flowsdk::cloudflare {

/// A deployed version of a workflow.
struct version {
  std::string id;
  std::string workflow_id;
  std::string class_name;
  std::string created_on;
  std::string modified_on;
  bool has_dag = false;
  std::string language;  ///< "javascript" or "python"
  std::optional<workflow_limits> limits;
  std::optional<retention> default_retention;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(version, (),
                      (id, workflow_id, class_name, created_on, modified_on, has_dag, language, limits,
                       default_retention))

}  // namespace flowsdk::cloudflare
