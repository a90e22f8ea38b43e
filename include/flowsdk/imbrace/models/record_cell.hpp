#pragma once
// An Imbrace model; the conventions of all of them are in flowsdk/imbrace/models.hpp.

#include "flowsdk/core/json.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>

namespace flowsdk::imbrace {

/// One cell of a record as the server returns it.
struct record_cell {
  boost::json::value value;
  std::string field_name;
  std::string created;
  std::string updated;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(record_cell, (), (value, field_name, created, updated))

}  // namespace flowsdk::imbrace
