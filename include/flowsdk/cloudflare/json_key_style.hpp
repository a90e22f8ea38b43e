#pragma once
// The JSON naming of every Cloudflare model and parameter type: members map to snake_case keys
// as they are spelled. The few camelCase keys of the API (versionId, scheduledTime, instanceId,
// instancesTerminated) are renamed by a json_rename overload next to the type that has them.

#include "flowsdk/core/json.hpp"

namespace flowsdk::cloudflare {

/// Found by argument-dependent lookup for every type of this namespace (see json::key_style).
template <class T>
constexpr json::key_style json_key_style(const T*) {
  return json::key_style::snake_case;
}

}  // namespace flowsdk::cloudflare
