#pragma once
#include "flowsdk/core/error.hpp"

#include <cstdint>
#include <optional>

namespace flowsdk::tenex {

/// What workflows::replace_graph throws when the server refuses the edit with 412
/// (`version_mismatch`): the workflow gained a version since the one the edit was based on.
/// code() is errc::conflict; details() are the 412's (http_status 412, vendor_code,
/// vendor_message). Catch it, read the graph of current_version(), merge, and try again with
/// that version.
class version_conflict : public error {
 public:
  version_conflict(error_details details, std::optional<std::int64_t> current_version);

  /// The workflow's latest version, read back by replace_graph right after the 412 (the 412
  /// body is not relied on to carry it). nullopt when that read failed too; details().cause
  /// then says why.
  std::optional<std::int64_t> current_version() const noexcept { return current_version_; }

 private:
  std::optional<std::int64_t> current_version_;
};

}  // namespace flowsdk::tenex
