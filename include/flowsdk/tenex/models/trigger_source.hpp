#pragma once
// A 10ex flows model; the conventions of all of them are in flowsdk/tenex/models.hpp.

#include "flowsdk/core/open_enum.hpp"

namespace flowsdk::tenex {

/// Where the events of an external trigger come from: the CRM (`lead.created`, ...), a connector
/// (a form submitted, an ad click) or a cron schedule.
class trigger_source : public open_enum<trigger_source> {
 public:
  using open_enum::open_enum;
  static const trigger_source crm;
  static const trigger_source connector;
  static const trigger_source schedule;
};
inline const trigger_source trigger_source::crm{"crm"};
inline const trigger_source trigger_source::connector{"connector"};
inline const trigger_source trigger_source::schedule{"schedule"};

}  // namespace flowsdk::tenex
