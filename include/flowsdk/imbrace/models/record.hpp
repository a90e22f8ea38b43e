#pragma once
// An Imbrace model; the conventions of all of them are in flowsdk/imbrace/models.hpp.

#include "flowsdk/core/json.hpp"
#include "flowsdk/imbrace/models/record_cell.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <functional>
#include <map>
#include <string>

namespace flowsdk::imbrace {

/// A row of a table.
struct record {
  std::string id;
  std::string created;
  std::string updated;
  std::string table_id;
  std::string project_id;
  std::map<std::string, record_cell, std::less<>> cells;  ///< keyed by field id
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(record, (), (id, created, updated, table_id, project_id, cells))

}  // namespace flowsdk::imbrace
