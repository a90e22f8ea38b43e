#pragma once
// A parameter type of the Cloudflare handles; see flowsdk/cloudflare/params.hpp.

#include <optional>
#include <string>

namespace flowsdk::cloudflare {

/// Options of get_instance.
class get_instance_params {
 public:
  get_instance_params() {}

  bool simple = false;               ///< leave out the step log (step_count stays)
  std::optional<std::string> order;  ///< "asc" (default) or "desc": newest steps first
};

}  // namespace flowsdk::cloudflare
