#pragma once
// An Imbrace model; the conventions of all of them are in flowsdk/imbrace/models.hpp.

#include "flowsdk/core/json.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <string>

namespace flowsdk::imbrace {

/// A folder that groups flows.
struct folder {
  std::string id;
  std::string created;
  std::string updated;
  std::string display_name;
  std::string project_id;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(folder, (), (id, created, updated, display_name, project_id))

}  // namespace flowsdk::imbrace
