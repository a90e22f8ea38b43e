#pragma once
// An Imbrace model; the conventions of all of them are in flowsdk/imbrace/models.hpp.

#include "flowsdk/core/json.hpp"
#include "flowsdk/imbrace/models/field_type.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <string>

namespace flowsdk::imbrace {

/// A column of a table.
struct field {
  std::string id;
  std::string created;
  std::string updated;
  std::string name;
  field_type type;
  std::string table_id;
  std::string project_id;
  std::string external_id;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(field, (), (id, created, updated, name, type, table_id, project_id, external_id))

}  // namespace flowsdk::imbrace
