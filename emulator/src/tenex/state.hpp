#pragma once
// The 10ex emulator's data: workspaces holding templates, workflows and their versions, runs with
// their step trace and event log, triggers, idempotency records and webhook deliveries; their JSON
// shapes (the Template, Workflow, WorkflowVersion, Run, StepRun and ExternalTrigger models of the
// 10ex flows API, docs/emulator.md), graph validation and list pagination. Not thread-safe: the routes hold
// their mutex around every use.

#include "common/errors.hpp"
#include "common/util.hpp"
#include "tenex/expression.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace flowsdk::emulator::detail::tenex {

// ---------------------------------------------------------------------------------------------
// Errors: the three 10ex shapes

/// {detail, code} with `status`.
api_error app_error(http::status status, std::string_view code, std::string_view detail);
/// 422 {detail: [entries]}.
api_error validation_error(json::array entries);
/// 422 with one entry.
api_error validation_error(json::array loc, std::string_view msg, std::string_view type = "value_error");
api_error not_found(std::string_view what);

// ---------------------------------------------------------------------------------------------
// Graphs

struct step_def {
  std::string id, type, name;
  json::object config;
  json::value retry;  // null or {max_attempts, backoff, delay_seconds}
  std::string fallback_step_id;
};

struct edge_def {
  std::string from, to;
  std::optional<std::string> condition;    // the source text; "else" included
  std::optional<tenex::condition> parsed;  // unset for no condition and for "else"
};

struct graph {
  std::vector<step_def> steps;
  std::vector<edge_def> edges;
  json::value source;  // the graph as sent, echoed back

  const step_def* find(std::string_view id) const;
  /// The first step: the target of the edge from "start", else the first step without incoming edges.
  const step_def* entry() const;
  std::vector<const edge_def*> out_of(std::string_view id) const;
};

/// Parses and validates a graph (steps, edges, configs, conditions, reachability, cycles); throws
/// a 422 validation_error with locations under `loc`.
graph parse_graph(const json::value& v, const json::array& loc);

// ---------------------------------------------------------------------------------------------
// Resources

struct template_def {
  std::string slug, name, description, category;
  int version = 1;
  json::value inputs_schema;
  json::value input_schema;  // of the workflows it makes
  json::value graph;         // with "{{inputs.<name>}}" placeholders
  epoch_ms created_at = 0;
};

struct version_rec {
  int number = 1;
  std::string state = "inactive";  // active | inactive | archived
  graph g;
  json::value input_schema, output_schema;
  epoch_ms created_at = 0;
  std::optional<epoch_ms> archived_at;
};

struct workflow_rec {
  std::string id, name;
  json::value description;  // string or null
  std::string status = "draft";
  std::optional<int> active_version;
  std::vector<version_rec> versions;  // versions[k].number == k + 1
  json::value template_slug;          // string or null
  epoch_ms created_at = 0, updated_at = 0;
  std::optional<epoch_ms> archived_at;

  const version_rec& latest() const { return versions.back(); }
  version_rec* find_version(long long n);
};

struct step_run_rec {
  std::string step_id, type, status;  // StepStatus
  int attempt = 1;
  std::optional<epoch_ms> started_at, finished_at;
  json::value input, output, error, branch_taken, agent_run_id;
};

struct run_event {
  long long seq = 0;
  std::string type;
  json::object data;  // run_id, seq, at and the event's fields
};

/// Where a run's execution is (the engine's program counter).
struct run_cursor {
  std::string step_id;  // the step in flight or next; empty: none left
  int attempt = 1;
  enum class phase { idle, in_step, retry_wait, delay_wait, event_wait, hang } what = phase::idle;
  epoch_ms due = 0;                 // when the in-flight phase ends (not for idle, event_wait without timeout, hang)
  std::optional<epoch_ms> timeout;  // event_wait
  epoch_ms remaining = 0;           // a paused wait's time left; -1: an event wait without timeout
  std::size_t record = 0;           // the index of the in-flight attempt's step_run_rec
  int progress_sent = 0;
  std::uint64_t token = 0;    // wake-ups carry it; a changed token makes older ones stale
  bool resumed_wait = false;  // the run was paused during a wait: resume it with `remaining`
};

struct run_rec {
  std::string id, workflow_id, status = "queued";
  int version = 1;
  json::object trigger;
  json::value input, output, error, current_step_id;
  epoch_ms created_at = 0;
  std::optional<epoch_ms> started_at, finished_at;
  std::vector<step_run_rec> steps;
  std::vector<run_event> events;
  std::map<std::string, json::value> outputs;  // step id -> output, for $.steps.<id>.output
  json::value last_output;                     // the run's output once it succeeds
  run_cursor cursor;
  graph g;  // the version's graph, copied when the run is made
  bool started = false;

  bool terminal() const { return status == "succeeded" || status == "failed" || status == "cancelled"; }
};

struct trigger_rec {
  std::string id;
  json::value workflow_id;  // string or null
  std::string source, target_type = "workflow";
  json::value event_type, cron, timezone, filter, input_mapping, target_url;
  bool enabled = true;
  epoch_ms created_at = 0, updated_at = 0;
  std::uint64_t token = 0;  // schedule wake-ups carry it; changing the trigger makes older ones stale
};

struct idempotent_reply {
  std::string body_digest;
  http::status status;
  json::value body;
  std::string etag;
  epoch_ms at = 0;  // kept for 24 h on the emulator clock
};

struct delivery_rec {
  std::string id, event_id, event_type, trigger_id, url, body, signature;
  int attempt = 0;
  int status = 0;  // the receiver's status; 0 when no answer came
  std::string error;
  epoch_ms at = 0;
};

struct workspace {
  std::string id;
  std::map<std::string, workflow_rec> workflows;
  std::map<std::string, run_rec> runs;
  std::map<std::string, trigger_rec> triggers;
  std::map<std::string, idempotent_reply> idempotency;  // "METHOD path key" -> reply
};

/// Whether every `filter` entry equals the event's data field of that name (or, for a key that is
/// a `$.` path, the value at that path of the event {id, type, data}).
bool trigger_matches(const trigger_rec& t, const json::object& event);
/// The run input for an event: input_mapping's `$.` paths resolved against the event (other values
/// taken as they are); the event's data when there is no mapping.
json::value mapped_input(const trigger_rec& t, const json::object& event);

// ---------------------------------------------------------------------------------------------
// JSON shapes

json::object to_json(const template_def& t, bool detail);
json::object to_json(const workflow_rec& w);
json::object to_json(const workflow_rec& w, const version_rec& v);
json::object to_json(const run_rec& r);
json::object to_json(const step_run_rec& s);
json::object to_json(const trigger_rec& t);
json::object to_json(const delivery_rec& d);

// ---------------------------------------------------------------------------------------------
// Pagination

/// One list request's page parameters, read from the query; the filter digest binds a cursor to
/// the filters it was made with.
struct page_request {
  page_request(const query_params& q, std::string_view scope);
  std::size_t limit = 50;
  std::optional<std::pair<epoch_ms, std::string>> after;  // the (created_at, id) the page starts below
  std::string filters;                                    // canonical filters plus the list's scope
};

/// A cursor token: base64 (standard alphabet, padded, so it carries '+' and '=') of the sort key
/// and the filter digest.
std::string encode_cursor(epoch_ms t, const std::string& id, const std::string& filters);

/// items: (created_at, id, json) in page order; returns {items, next_cursor, total?}.
struct page_item {
  epoch_ms t;
  std::string id;
  json::value v;
};
/// `descending`: newest first; otherwise oldest first (step traces).
json::object make_page(std::vector<page_item> all, const page_request& p, bool descending, bool omit_total);

}  // namespace flowsdk::emulator::detail::tenex
