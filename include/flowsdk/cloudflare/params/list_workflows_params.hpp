#pragma once
// A parameter type of the Cloudflare handles; see flowsdk/cloudflare/params.hpp.

#include <optional>
#include <string>

namespace flowsdk::cloudflare {

/// Filters of list_workflows (page mode).
class list_workflows_params {
 public:
  list_workflows_params() {}

  std::optional<std::string> search;  ///< substring of the name
  std::optional<int> per_page;        ///< 1..100, server default 10
  std::optional<int> page;            ///< start page, default 1
};

}  // namespace flowsdk::cloudflare
