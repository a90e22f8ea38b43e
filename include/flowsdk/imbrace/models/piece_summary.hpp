#pragma once
// An Imbrace model; the conventions of all of them are in flowsdk/imbrace/models.hpp.

#include "flowsdk/core/json.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace flowsdk::imbrace {

/// A piece as listed: actions and triggers are counts.
struct piece_summary {
  std::string id;
  std::string name;
  std::string display_name;
  std::string description;
  std::string logo_url;
  std::string version;
  std::vector<std::string> categories;
  std::int64_t actions = 0;
  std::int64_t triggers = 0;
  std::vector<std::string> authors;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(piece_summary, (),
                      (id, name, display_name, description, logo_url, version, categories, actions, triggers, authors))

}  // namespace flowsdk::imbrace
