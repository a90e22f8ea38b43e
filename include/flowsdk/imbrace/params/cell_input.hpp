#pragma once
// A parameter type of imbrace::workflows; see flowsdk/imbrace/params.hpp.

#include <boost/describe/class.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <utility>

namespace flowsdk::imbrace {

/// One cell to write: a field id and its value.
class cell_input {
 public:
  cell_input(std::string field_id, boost::json::value value) : field_id(std::move(field_id)), value(std::move(value)) {}

  std::string field_id;
  boost::json::value value;
};
BOOST_DESCRIBE_STRUCT(cell_input, (), (field_id, value))

}  // namespace flowsdk::imbrace
