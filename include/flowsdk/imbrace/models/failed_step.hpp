#pragma once
// An Imbrace model; the conventions of all of them are in flowsdk/imbrace/models.hpp.

#include "flowsdk/core/json.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <string>

namespace flowsdk::imbrace {

/// The step a failed run stopped at.
struct failed_step {
  std::string name;
  std::string display_name;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(failed_step, (), (name, display_name))

}  // namespace flowsdk::imbrace
