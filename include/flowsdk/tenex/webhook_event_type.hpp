#pragma once
// The `type` of a 10ex webhook event (https://docs.10ex.ai/reference/webhooks).

#include "flowsdk/core/open_enum.hpp"

namespace flowsdk::tenex {

/// Open: a type this release does not know is kept as its string. The documented types, plus
/// the flow-run lifecycle types the emulator sends (10ex lists no flow.run.* event yet,
/// although its flows page links "webhooks for flow lifecycle events").
class webhook_event_type : public open_enum<webhook_event_type> {
 public:
  using open_enum::open_enum;
  static const webhook_event_type lead_created;
  static const webhook_event_type lead_updated;
  static const webhook_event_type agent_run_started;
  static const webhook_event_type agent_run_completed;
  static const webhook_event_type sequence_email_sent;
  static const webhook_event_type sequence_email_replied;
  static const webhook_event_type connector_oauth_completed;
  static const webhook_event_type flow_run_started;
  static const webhook_event_type flow_run_succeeded;
  static const webhook_event_type flow_run_failed;
  static const webhook_event_type flow_run_cancelled;

  /// One of the types above.
  bool is_known() const noexcept;
};
inline const webhook_event_type webhook_event_type::lead_created{"lead.created"};
inline const webhook_event_type webhook_event_type::lead_updated{"lead.updated"};
inline const webhook_event_type webhook_event_type::agent_run_started{"agent.run.started"};
inline const webhook_event_type webhook_event_type::agent_run_completed{"agent.run.completed"};
inline const webhook_event_type webhook_event_type::sequence_email_sent{"sequence.email.sent"};
inline const webhook_event_type webhook_event_type::sequence_email_replied{"sequence.email.replied"};
inline const webhook_event_type webhook_event_type::connector_oauth_completed{"connector.oauth.completed"};
inline const webhook_event_type webhook_event_type::flow_run_started{"flow.run.started"};
inline const webhook_event_type webhook_event_type::flow_run_succeeded{"flow.run.succeeded"};
inline const webhook_event_type webhook_event_type::flow_run_failed{"flow.run.failed"};
inline const webhook_event_type webhook_event_type::flow_run_cancelled{"flow.run.cancelled"};

}  // namespace flowsdk::tenex
