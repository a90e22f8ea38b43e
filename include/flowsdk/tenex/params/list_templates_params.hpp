#pragma once
// A parameter type of the 10ex handles; see flowsdk/tenex/params.hpp.

#include <optional>
#include <string>

namespace flowsdk::tenex {

/// Filters of templates::list.
class list_templates_params {
 public:
  list_templates_params() {}

  std::optional<std::string> category;
  std::optional<std::string> q;  ///< free-text search
  std::optional<int> limit;      ///< page size, 1..200; the server's 50 when absent
};

}  // namespace flowsdk::tenex
