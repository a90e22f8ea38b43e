#pragma once
#include <string>

namespace flowsdk {

/// One event of a `text/event-stream` body, as the WHATWG HTML standard defines its fields.
struct server_sent_event {
  std::string type = "message";  ///< the `event:` field; "message" when the event has none
  std::string data;              ///< the `data:` lines, joined with '\n'
  std::string id;                ///< the last event id in effect when the event was dispatched
};

}  // namespace flowsdk
