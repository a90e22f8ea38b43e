#pragma once
// A delivered 10ex webhook event (https://docs.10ex.ai/reference/webhooks).

#include "flowsdk/tenex/json_key_style.hpp"
#include "flowsdk/tenex/webhook_event_type.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <string_view>

namespace flowsdk::tenex {

/// The envelope of every delivery: `{id, type, company_id, occurred_at, data}`. The same event
/// may be delivered several times (10ex retries up to 5 times); `id` identifies it
/// (webhook_deduplicator).
struct webhook_event {
  std::string id;           ///< "evt_<uuid>"
  webhook_event_type type;  ///< "lead.created", "flow.run.succeeded", ...
  std::string company_id;   ///< the workspace
  std::string occurred_at;  ///< ISO-8601 UTC
  boost::json::value data;  ///< the type's payload, as sent (e.g. {"lead_id": ...})
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(webhook_event, (), (id, type, company_id, occurred_at, data))

/// Parses a delivery's body. Verify its signature first (verify_signature), on these same bytes.
/// Throws flowsdk::error(errc::decode_error) for a body that is not JSON, not an object, has a
/// member of the wrong type, or lacks `id` or `type`; the cause names what is wrong (the body
/// itself is not repeated: it may carry personal data).
webhook_event parse_webhook_event(std::string_view raw_body);

}  // namespace flowsdk::tenex
