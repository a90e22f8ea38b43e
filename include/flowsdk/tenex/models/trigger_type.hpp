#pragma once
// A 10ex flows model; the conventions of all of them are in flowsdk/tenex/models.hpp.

#include "flowsdk/core/open_enum.hpp"

namespace flowsdk::tenex {

/// What started a run: a manual trigger (the API, the UI or the `trigger_workflow` MCP tool), a
/// schedule, a CRM or connector event, or a webhook.
class trigger_type : public open_enum<trigger_type> {
 public:
  using open_enum::open_enum;
  static const trigger_type manual;
  static const trigger_type schedule;
  static const trigger_type crm_event;
  static const trigger_type connector_event;
  static const trigger_type webhook;
};
inline const trigger_type trigger_type::manual{"manual"};
inline const trigger_type trigger_type::schedule{"schedule"};
inline const trigger_type trigger_type::crm_event{"crm_event"};
inline const trigger_type trigger_type::connector_event{"connector_event"};
inline const trigger_type trigger_type::webhook{"webhook"};

}  // namespace flowsdk::tenex
