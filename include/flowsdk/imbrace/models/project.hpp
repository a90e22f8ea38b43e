#pragma once
// An Imbrace model; the conventions of all of them are in flowsdk/imbrace/models.hpp.

#include "flowsdk/core/json.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <string>

namespace flowsdk::imbrace {

/// A project of the platform.
struct project {
  std::string id;
  std::string created;
  std::string updated;
  std::string display_name;
  std::string platform_id;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(project, (), (id, created, updated, display_name, platform_id))

}  // namespace flowsdk::imbrace
