#pragma once
// An Imbrace model; the conventions of all of them are in flowsdk/imbrace/models.hpp.

#include "flowsdk/core/json.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <string>
#include <vector>

namespace flowsdk::imbrace {

/// A piece with its actions and triggers, keyed by name.
struct piece {
  std::string id;
  std::string name;
  std::string display_name;
  std::string description;
  std::string logo_url;
  std::string version;
  std::vector<std::string> categories;
  boost::json::object actions;
  boost::json::object triggers;
  std::vector<std::string> authors;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(piece, (),
                      (id, name, display_name, description, logo_url, version, categories, actions, triggers, authors))

}  // namespace flowsdk::imbrace
