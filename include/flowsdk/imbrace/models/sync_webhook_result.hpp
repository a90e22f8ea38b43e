#pragma once
// An Imbrace model; the conventions of all of them are in flowsdk/imbrace/models.hpp.

#include "flowsdk/http/request.hpp"

#include <boost/json/value.hpp>

#include <optional>
#include <string>

namespace flowsdk::imbrace {

/// What the synchronous webhook trigger answers: the flow's own response.
struct sync_webhook_result {
  unsigned status = 0;  ///< the flow's status; 204 when it gave no response in time
  http::header_list headers;
  std::string body;                        ///< raw bytes, whatever the content type
  std::optional<boost::json::value> json;  ///< the body parsed, when it is JSON
  std::string webhook_id;

  /// True when the engine gave up waiting for the flow's response (204, empty body).
  bool no_response() const noexcept { return status == 204; }
};

}  // namespace flowsdk::imbrace
