#pragma once
#include "flowsdk/tenex/models/graph.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace flowsdk::tenex {

/// Builds a workflow graph step by step, with the `config` of each step type written for you
/// (docs/tenex.md, "Step config"), and checks locally what it can before anything is sent:
///
///     auto g = tenex::graph_builder()
///                  .agent_step("enrich", "Enrich lead", "crew_research", {{"lead_id", "$.input.lead_id"}})
///                  .branch("hot?", "Is it hot?")
///                  .connector_action("notify", "Tell sales", "slack", "post_message", {{"channel", "#sales"}})
///                  .wait_delay("cool", "Wait a day", 86400)
///                  .edge(tenex::graph_builder::start, "enrich")
///                  .edge("enrich", "hot?")
///                  .edge("hot?", "notify", "$.steps.enrich.output.score > 80")
///                  .edge("hot?", "cool")
///                  .retry("enrich", {3, tenex::retry_backoff::exponential, 2.0, {}})
///                  .build();
///
/// The adders never throw; build() throws flowsdk::error (errc::invalid_argument) naming the
/// first problem: an empty or duplicate step id, an edge from or to an unknown step (or to
/// `start`), a retry or fallback for an unknown step, a fallback to an unknown step or to the
/// step itself, max_attempts below 1, a negative wait, or a raw step that is not a step. What
/// needs the server (reachability, conditions, crews and connectors) is checked there (422).
class graph_builder {
 public:
  /// The pseudo step id the entry edges start from.
  static constexpr char start[] = "start";

  graph_builder() {}
  /// Continues from an existing graph (a template's, or a version's to edit).
  explicit graph_builder(tenex::graph from);
  /// Continues from a graph as JSON (`{steps, edges}`): an exported workflow, a fixture.
  static graph_builder from_json(const boost::json::value& graph);

  /// An `agent` step running crew `crew_id`; `input_mapping` maps the crew's fields to JSONPath
  /// into the run (`"$.input.lead_id"`, `"$.steps.<id>.output.<field>"`); empty: not sent.
  graph_builder& agent_step(std::string id, std::string name, std::string crew_id,
                            boost::json::object input_mapping = {});
  /// A `connector_action` step: `action` of `connector` ("crm", "slack", "meta_ads", ...) with `params`.
  graph_builder& connector_action(std::string id, std::string name, std::string connector, std::string action,
                                  boost::json::object params = {});
  /// A `wait` step that sleeps `seconds` (`{mode: "delay", duration_seconds}`).
  graph_builder& wait_delay(std::string id, std::string name, std::int64_t seconds);
  /// A `wait` step that waits for an event of `event_type`, at most `timeout_seconds` when set
  /// (`{mode: "event", event_type, timeout_seconds?}`).
  graph_builder& wait_event(std::string id, std::string name, std::string event_type,
                            std::optional<std::int64_t> timeout_seconds = std::nullopt);
  /// A `branch` step: the conditions go on its outgoing edges (the first match wins, an edge
  /// without a condition is the "else").
  graph_builder& branch(std::string id, std::string name);
  /// Any step as it is, e.g. of a type this release does not know.
  graph_builder& step(graph_step s);
  /// Any step as JSON (`{id, type, name, config, ...}`); unknown keys are kept.
  graph_builder& step(const boost::json::object& s);
  /// An edge; `from` is a step id or graph_builder::start.
  graph_builder& edge(std::string from, std::string to, std::optional<std::string> condition = std::nullopt);
  /// Sets the retry policy of the step `step_id` (added before or after this call).
  graph_builder& retry(std::string step_id, step_retry policy);
  /// Makes `fallback_step_id` the step taken when `step_id` fails after its retries.
  graph_builder& fallback(std::string step_id, std::string fallback_step_id);

  /// The graph, checked (see the class comment).
  tenex::graph build() const;

 private:
  graph_builder& add(std::string id, std::string name, step_type type, boost::json::object config);
  void problem(std::string what);

  tenex::graph graph_;
  struct setting {
    std::string step_id;
    std::optional<step_retry> retry;
    std::optional<std::string> fallback;
  };
  std::vector<setting> settings_;  // applied at build(), so a step may be added after its setter
  std::string first_problem_;
};

}  // namespace flowsdk::tenex
