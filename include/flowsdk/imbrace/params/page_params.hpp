#pragma once
// A parameter type of imbrace::workflows; see flowsdk/imbrace/params.hpp.

#include <optional>
#include <string>

namespace flowsdk::imbrace {

/// Paging of the lists that take no filters (folders, tables).
class page_params {
 public:
  page_params() {}

  std::optional<int> limit;
  std::optional<std::string> cursor;
};

}  // namespace flowsdk::imbrace
