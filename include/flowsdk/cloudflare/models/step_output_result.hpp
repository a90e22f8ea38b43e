#pragma once
// A Cloudflare Workflows model; the conventions of all of them are in flowsdk/cloudflare/models.hpp.

#include "flowsdk/cloudflare/models/step_output.hpp"

#include <optional>
#include <string>

namespace flowsdk::cloudflare {

/// A step output as the server sent it: JSON, or raw bytes when the step returned a stream.
/// What instances::step answers.
struct step_output_result {
  std::optional<step_output> json;  ///< set for an application/json answer
  std::string raw;                  ///< the bytes of an application/octet-stream answer
  std::string content_type;
};

}  // namespace flowsdk::cloudflare
