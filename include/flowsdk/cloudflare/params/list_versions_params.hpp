#pragma once
// A parameter type of the Cloudflare handles; see flowsdk/cloudflare/params.hpp.

#include <optional>

namespace flowsdk::cloudflare {

/// A page request for versions.
class list_versions_params {
 public:
  list_versions_params() {}

  std::optional<int> per_page;  ///< 1..100, server default 50
  std::optional<int> page;
};

}  // namespace flowsdk::cloudflare
