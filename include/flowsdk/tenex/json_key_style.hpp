#pragma once
// The JSON naming of every 10ex model and parameter type: the API's keys are snake_case, spelled
// like the members.

#include "flowsdk/core/json.hpp"

namespace flowsdk::tenex {

/// Found by argument-dependent lookup for every type of this namespace (see json::key_style).
template <class T>
constexpr json::key_style json_key_style(const T*) {
  return json::key_style::snake_case;
}

}  // namespace flowsdk::tenex
