#pragma once
// A Cloudflare Workflows model; the conventions of all of them are in flowsdk/cloudflare/models.hpp.

#include "flowsdk/cloudflare/json_key_style.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>

namespace flowsdk::cloudflare {

/// A version with its DAG (null when the version has none).
struct version_dag {
  std::string id;
  std::string workflow_id;
  std::string class_name;
  std::string created_on;
  std::string modified_on;
  std::optional<boost::json::value> dag;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(version_dag, (), (id, workflow_id, class_name, created_on, modified_on, dag))

}  // namespace flowsdk::cloudflare
