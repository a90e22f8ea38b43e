#pragma once
// An Imbrace model; the conventions of all of them are in flowsdk/imbrace/models.hpp.

#include "flowsdk/core/json.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>

namespace flowsdk::imbrace {

/// A table of the engine's built-in store.
struct table {
  std::string id;
  std::string created;
  std::string updated;
  std::string name;
  std::string project_id;
  std::string external_id;
  std::optional<std::string> status;   ///< "ENABLED" or "DISABLED"
  std::optional<std::string> trigger;  ///< "ON_NEW_RECORD" or "ON_UPDATE_RECORD"
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(table, (), (id, created, updated, name, project_id, external_id, status, trigger))

}  // namespace flowsdk::imbrace
