#pragma once
// A parameter type of the Cloudflare handles; see flowsdk/cloudflare/params.hpp.

#include "flowsdk/cloudflare/models/instance_status.hpp"

#include <optional>
#include <string>

namespace flowsdk::cloudflare {

/// How list_instances walks the list.
enum class pagination_mode {
  cursor,  ///< the API's recommended mode: opaque cursors, stable under inserts
  page,    ///< deprecated page numbers, kept for parity
};

/// Filters of list_instances.
class list_instances_params {
 public:
  list_instances_params() {}

  std::optional<instance_status> status;
  std::optional<std::string> date_start;  ///< ISO-8601 UTC ("2026-11-22T10:00:00Z"), on created_on
  std::optional<std::string> date_end;
  std::optional<std::string> direction;  ///< "asc" or "desc" (server default desc)
  std::optional<int> per_page;           ///< 1..100, server default 50
  pagination_mode mode = pagination_mode::cursor;
};

}  // namespace flowsdk::cloudflare
