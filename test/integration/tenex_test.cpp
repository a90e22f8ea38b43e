// The 10ex flows client against the emulator over TLS (docs/tenex.md): templates, workflows and
// versions, runs executing on the emulator's clock with live progress, pause/resume/cancel and
// every impossible transition, the idempotent trigger through injected faults, the three error
// shapes, triggers, signed webhook deliveries, the polling fallback and a walk of thousands of runs.
#include "flowsdk/flowsdk.hpp"

#include "support/emulated.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <set>

using flowsdk::errc;
namespace asio = boost::asio;
namespace tenex = flowsdk::tenex;
namespace emulator = flowsdk::emulator;
namespace bj = boost::json;
using namespace std::chrono_literals;

namespace {

emulator::server_options quick_tenex() {
  auto o = flowsdk::test::quick_emulator();
  o.tenex.queue_delay = 5ms;
  o.tenex.agent_duration = 20ms;
  o.tenex.connector_duration = 10ms;
  o.tenex.keepalive_interval = 200ms;
  o.tenex.webhook_time_scale = 0.01;
  return o;
}

class Tenex : public flowsdk::test::emulated_test {
 protected:
  explicit Tenex(emulator::server_options o = quick_tenex()) : emulated_test(std::move(o)) {}

  const emulator::tenex_workspace_seed& alpha() { return emu.get().seed().tenex.workspaces.at(0); }
  const emulator::tenex_workspace_seed& beta() { return emu.get().seed().tenex.workspaces.at(1); }

  tenex::client_options options(const std::string& key) {
    tenex::client_options o;
    o.base_url = emu->base_url() + "/api/v1/flows";
    o.credentials = tenex::credentials::api_key(key);
    o.transport.tls.ca_pem = emu->ca_pem();
    o.transport.retry.initial_backoff = 5ms;
    o.transport.retry.max_backoff = 20ms;
    o.transport.retry.min_rate_limited_backoff = 5ms;
    return o;
  }
  tenex::client make(const std::string& key) { return tenex::client(io.get_executor(), options(key)); }

  tenex::client tnx = make(alpha().api_key);

  static tenex::step_retry three_attempts() {
    tenex::step_retry r;
    r.max_attempts = 3;
    r.delay_seconds = 0.01;
    return r;
  }

  static tenex::watch_options quick_watch() {
    tenex::watch_options o;
    o.stream.reconnect_delay = 20ms;
    o.stream.max_reconnect_delay = 50ms;
    o.poll_initial = 10ms;
    o.poll_max = 40ms;
    return o;
  }

  // A workflow: agent `score` (output {score: N}) -> branch -> `enroll` when score >= 50, else `nurture` (a wait).
  tenex::graph scoring_graph(int score, std::int64_t wait_seconds = 1) {
    bj::object agent{{"id", "score"},
                     {"type", "agent"},
                     {"name", "Score"},
                     {"config", bj::object{{"crew_id", "crew_scorer"},
                                           {"input_mapping", bj::object{{"lead_id", "$.input.lead_id"}}},
                                           {"output", bj::object{{"score", score}}}}}};
    return tenex::graph_builder()
        .step(agent)
        .branch("route", "Route")
        .connector_action("enroll", "Enroll", "crm", "add_to_sequence", {{"lead_id", "$.input.lead_id"}})
        .wait_delay("nurture", "Nurture", wait_seconds)
        .edge(tenex::graph_builder::start, "score")
        .edge("score", "route")
        .edge("route", "enroll", "$.steps.score.output.score >= 50")
        .edge("route", "nurture", "else")
        .build();
  }

  tenex::workflow create_active(tenex::graph g, std::string name = "wf") {
    tenex::workflow_create c(std::move(name), std::move(g));
    c.input_schema =
        bj::parse(R"({"type":"object","required":["lead_id"],"properties":{"lead_id":{"type":"string"}}})").as_object();
    tenex::workflow w = run(tnx.workflows().create(c));
    run(tnx.workflows().activate_version(w.id, 1));
    return run(tnx.workflows().get(w.id));
  }

  tenex::run trigger(const std::string& workflow_id, std::string lead = "lead_1") {
    return run(tnx.runs().trigger(workflow_id, tenex::run_request(bj::object{{"lead_id", std::move(lead)}})));
  }

  std::vector<tenex::run_event> drain(tenex::run_watch w) { return flowsdk::test::collect(io, std::move(w)); }

  template <class T>
  std::vector<T> all(flowsdk::paginator<T> p) {
    return flowsdk::test::collect(io, std::move(p));
  }

  // Polls until the run has `status` (bounded), advancing the emulator clock by `step` each time.
  tenex::run wait_status(const std::string& run_id, const tenex::run_status& status,
                         std::chrono::milliseconds step = 0ms) {
    tenex::run r;
    for (int i = 0; i < 400; ++i) {
      r = run(tnx.runs().get(run_id));
      if (r.status == status) return r;
      if (step > 0ms) emu->advance(step);
      std::this_thread::sleep_for(5ms);
    }
    ADD_FAILURE() << "run " << run_id << " stayed " << r.status.value() << ", not " << status.value();
    return r;
  }

  bj::value control(const std::string& method, const std::string& path, const std::string& body = "") {
    flowsdk::http::transport t(io.get_executor(), options(alpha().api_key).transport);
    flowsdk::http::request req(method == "POST" ? flowsdk::http::verb::post : flowsdk::http::verb::get, path);
    req.body = body;
    if (!body.empty()) req.content_type = "application/json";
    auto origin = flowsdk::http::base_url::parse(emu->base_url()).origin;
    flowsdk::http::response r = run(t.send(origin, req));
    return r.body.empty() ? bj::value() : bj::parse(r.body);
  }
};

// ---- templates -----------------------------------------------------------------------------------

TEST_F(Tenex, TemplatesListFilterGetAndInstantiate) {
  auto listed = all(tnx.templates().list());
  ASSERT_EQ(listed.size(), 3u);
  tenex::list_templates_params sales;
  sales.category = "sales";
  auto filtered = all(tnx.templates().list(sales));
  ASSERT_EQ(filtered.size(), 1u);
  EXPECT_EQ(filtered[0].slug, "lead-to-sequence");

  tenex::workflow_template t = run(tnx.templates().get("lead-to-sequence"));
  EXPECT_TRUE(t.inputs_schema.is_object() && t.inputs_schema.as_object().contains("required"))
      << bj::serialize(t.inputs_schema);
  ASSERT_TRUE(t.graph);
  EXPECT_EQ(t.graph->steps.size(), 4u);

  tenex::template_inputs in(bj::object{{"sequence_id", "seq_1"}});
  in.activate = true;
  tenex::workflow w = run(tnx.templates().instantiate("lead-to-sequence", in));
  EXPECT_EQ(w.status, tenex::workflow_status::active);
  EXPECT_EQ(w.active_version, 1);
  EXPECT_EQ(w.template_slug, "lead-to-sequence");

  // Inputs checked against inputs_schema: the Pydantic list, with the field's location.
  auto e = expect_error(tnx.templates().instantiate("lead-to-sequence", tenex::template_inputs(bj::object{})),
                        errc::unprocessable);
  ASSERT_FALSE(e.details().vendor_errors.empty());
  EXPECT_EQ(e.details().vendor_errors[0].location, (std::vector<std::string>{"body", "inputs", "sequence_id"}));
  expect_error(tnx.templates().get("no-such-template"), errc::not_found);
}

// ---- workflows and versions ------------------------------------------------------------------

TEST_F(Tenex, WorkflowLifecycleVersionsAndIfMatch) {
  tenex::workflow_create c("Scoring", scoring_graph(90));
  c.description = "scores leads";
  tenex::workflow w = run(tnx.workflows().create(c));
  EXPECT_EQ(w.status, tenex::workflow_status::draft);
  EXPECT_EQ(w.latest_version, 1);
  EXPECT_FALSE(w.active_version);

  // Active needs an active version.
  tenex::workflow_update activate;
  activate.status = tenex::workflow_status::active;
  auto no_version = expect_error(tnx.workflows().update(w.id, activate), errc::conflict);
  EXPECT_EQ(no_version.details().vendor_code, "no_active_version");

  tenex::workflow_update rename;
  rename.name = "Scoring v2";
  EXPECT_EQ(run(tnx.workflows().update(w.id, rename)).name, "Scoring v2");

  // A new graph based on version 1, then a stale edit still based on version 1.
  tenex::workflow_version v2 = run(tnx.workflows().replace_graph(w.id, tenex::graph_update(scoring_graph(10)), 1));
  EXPECT_EQ(v2.version, 2);
  EXPECT_EQ(v2.state, tenex::version_state::inactive);
  try {
    run(tnx.workflows().replace_graph(w.id, tenex::graph_update(scoring_graph(20)), 1));
    ADD_FAILURE() << "a stale If-Match was accepted";
  } catch (const tenex::version_conflict& e) {
    EXPECT_EQ(e.code(), errc::conflict);
    EXPECT_EQ(e.http_status(), 412u);
    EXPECT_EQ(e.details().vendor_code, "version_mismatch");
    EXPECT_EQ(e.current_version(), 2);
  }
  // Without If-Match the edit is accepted whatever the latest version.
  EXPECT_EQ(run(tnx.workflows().replace_graph(w.id, tenex::graph_update(scoring_graph(30)), std::nullopt)).version, 3);

  auto versions = all(tnx.workflows().list_versions(w.id));
  ASSERT_EQ(versions.size(), 3u);
  EXPECT_EQ(versions[0].version, 3);  // newest first

  run(tnx.workflows().activate_version(w.id, 2));
  EXPECT_EQ(run(tnx.workflows().get_version(w.id, 2)).state, tenex::version_state::active);
  auto active = expect_error(tnx.workflows().archive_version(w.id, 2), errc::conflict);
  EXPECT_EQ(active.details().vendor_code, "version_active");
  EXPECT_EQ(run(tnx.workflows().archive_version(w.id, 1)).state, tenex::version_state::archived);
  auto archived = expect_error(tnx.workflows().activate_version(w.id, 1), errc::conflict);
  EXPECT_EQ(archived.details().vendor_code, "version_archived");
  expect_error(tnx.workflows().get_version(w.id, 99), errc::not_found);

  // An invalid graph is the server's 422.
  auto bad =
      tenex::graph_builder::from_json(bj::parse(
                                          R"({"steps":[{"id":"a","type":"agent","name":"A","config":{"crew_id":"c"}}],
                                                     "edges":[{"from":"start","to":"a"},{"from":"a","to":"a","condition":"$.input.x >"}]})"))
          .build();
  expect_error(tnx.workflows().replace_graph(w.id, tenex::graph_update(bad), std::nullopt), errc::unprocessable);

  EXPECT_EQ(run(tnx.workflows().archive(w.id)).status, tenex::workflow_status::archived);
  auto refused =
      expect_error(tnx.runs().trigger(w.id, tenex::run_request(bj::object{{"lead_id", "l"}})), errc::conflict);
  EXPECT_EQ(refused.details().vendor_code, "workflow_archived");

  tenex::list_workflows_params archived_only;
  archived_only.status = tenex::workflow_status::archived;
  auto listed = all(tnx.workflows().list(archived_only));
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].id, w.id);
}

TEST_F(Tenex, ForeignIdsAreNotFound) {
  tenex::client other = make(beta().api_key);
  auto e = expect_error(other.workflows().get(alpha().workflow_id), errc::not_found);
  EXPECT_EQ(e.details().vendor_code, "not_found");
  EXPECT_FALSE(e.details().vendor_message.empty());
}

// ---- runs ---------------------------------------------------------------------------------------

TEST_F(Tenex, RunExecutesAndStreamsItsProgressToTheEnd) {
  tenex::workflow w = create_active(scoring_graph(90));
  tenex::run_watch watch =
      run(tnx.runs().trigger_and_watch(w.id, tenex::run_request(bj::object{{"lead_id", "lead_7"}}), quick_watch()));
  auto events = drain(watch);
  ASSERT_GE(events.size(), 4u);
  EXPECT_EQ(events.front().kind, tenex::run_event_kind::snapshot);
  EXPECT_EQ(events.back().kind, tenex::run_event_kind::succeeded);
  EXPECT_FALSE(watch.polling());
  std::vector<std::string> completed;
  for (const auto& e : events) {
    EXPECT_FALSE(e.synthesized);
    EXPECT_EQ(e.run_id, watch.run_id());
    if (e.kind == tenex::run_event_kind::step_completed) completed.push_back(*e.step_id);
  }
  EXPECT_EQ(completed, (std::vector<std::string>{"score", "route", "enroll"}));  // the branch took "enroll"

  tenex::run done = run(tnx.runs().get(watch.run_id()));
  EXPECT_EQ(done.status, tenex::run_status::succeeded);
  EXPECT_EQ(done.trigger.type, tenex::trigger_type::manual);
  EXPECT_EQ(done.input.at("lead_id"), "lead_7");

  auto steps = all(tnx.runs().steps(done.id));
  ASSERT_EQ(steps.size(), 4u);
  EXPECT_EQ(steps[0].step_id, "score");
  EXPECT_EQ(steps[1].branch_taken, "enroll");
  for (const auto& s : steps) {
    if (s.step_id == "nurture") {
      EXPECT_EQ(s.status, tenex::step_status::skipped);  // never reached
    }
  }
  tenex::step_run enroll = run(tnx.runs().step(done.id, "enroll"));
  EXPECT_EQ(enroll.status, tenex::step_status::succeeded);
  EXPECT_EQ(enroll.output.at("lead_id"), "lead_7");  // a connector action echoes its params
}

TEST_F(Tenex, EventsIsTheStreamAsSentAndResumesFromAnId) {
  tenex::workflow w = create_active(scoring_graph(90));
  tenex::run r = trigger(w.id);
  auto read = [this](flowsdk::event_stream<tenex::run_event> s) { return flowsdk::test::collect(io, std::move(s)); };
  auto all_events = read(tnx.runs().events(r.id));
  ASSERT_GE(all_events.size(), 4u);
  EXPECT_EQ(all_events.front().kind, tenex::run_event_kind::snapshot);
  EXPECT_TRUE(all_events.back().is_terminal());
  for (std::size_t i = 1; i < all_events.size(); ++i) EXPECT_EQ(all_events[i].seq, all_events[i - 1].seq + 1);

  // From an id: the events after it, replayed, without a snapshot.
  flowsdk::event_source_options from_two;
  from_two.last_event_id = "2";
  auto rest = read(tnx.runs().events(r.id, from_two));
  ASSERT_FALSE(rest.empty());
  EXPECT_EQ(rest.front().seq, 3);
  EXPECT_EQ(rest.back().seq, all_events.back().seq);
  expect_error(tnx.runs().get("run_missing"), errc::not_found);
}

TEST_F(Tenex, RetriesThenFallbackAndFailureAreTraced) {
  // `flaky` fails its first attempt and succeeds on the retry; `broken` always fails and falls
  // back to `rescue`.
  tenex::graph g = tenex::graph_builder()
                       .step(bj::parse(R"({"id":"flaky","type":"agent","name":"Flaky","config":{"crew_id":"c",
                                           "emulator":{"fail_attempts":1}}})")
                                 .as_object())
                       .retry("flaky", three_attempts())
                       .step(bj::parse(R"({"id":"broken","type":"connector_action","name":"Broken","config":{
                                           "connector":"crm","action":"x","params":{},"emulator":{"fail":true}}})")
                                 .as_object())
                       .connector_action("rescue", "Rescue", "slack", "post_message", {{"text", "fallback"}})
                       .fallback("broken", "rescue")
                       .edge(tenex::graph_builder::start, "flaky")
                       .edge("flaky", "broken")
                       .build();
  tenex::workflow w = create_active(g);
  tenex::run r = trigger(w.id);
  tenex::run done = run(tnx.runs().wait_for_run(r.id, 20s, quick_watch()));
  EXPECT_EQ(done.status, tenex::run_status::succeeded) << (done.error ? done.error->message : "");
  tenex::step_run first = run(tnx.runs().step(r.id, "flaky", 1));
  EXPECT_EQ(first.status, tenex::step_status::failed);
  EXPECT_EQ(run(tnx.runs().step(r.id, "flaky", 2)).status, tenex::step_status::succeeded);
  EXPECT_EQ(run(tnx.runs().step(r.id, "rescue")).status, tenex::step_status::succeeded);

  // Without a fallback the run fails, naming the step.
  tenex::graph fatal = tenex::graph_builder()
                           .step(bj::parse(R"({"id":"boom","type":"agent","name":"Boom","config":{"crew_id":"c",
                                               "emulator":{"fail":true}}})")
                                     .as_object())
                           .edge(tenex::graph_builder::start, "boom")
                           .build();
  tenex::workflow w2 = create_active(fatal);
  tenex::run failed = run(tnx.runs().wait_for_run(trigger(w2.id).id, 20s, quick_watch()));
  EXPECT_EQ(failed.status, tenex::run_status::failed);
  ASSERT_TRUE(failed.error);
  EXPECT_EQ(failed.error->step_id, "boom");
}

TEST_F(Tenex, RunListsFilterByEveryField) {
  tenex::workflow a = create_active(scoring_graph(90), "a");
  tenex::workflow b = create_active(scoring_graph(90), "b");
  for (int i = 0; i < 3; ++i) trigger(a.id);
  tenex::run last_b = trigger(b.id);
  tenex::list_runs_params by_workflow;
  by_workflow.workflow_id = a.id;
  EXPECT_EQ(all(tnx.runs().list(by_workflow)).size(), 3u);
  tenex::list_runs_params manual_b;
  manual_b.workflow_id = b.id;
  manual_b.trigger_type = tenex::trigger_type::manual;
  manual_b.statuses = {tenex::run_status::queued, tenex::run_status::running, tenex::run_status::waiting,
                       tenex::run_status::succeeded};
  auto bs = all(tnx.runs().list(manual_b));
  ASSERT_EQ(bs.size(), 1u);
  EXPECT_EQ(bs[0].id, last_b.id);
  tenex::list_runs_params none;
  none.workflow_id = a.id;
  none.statuses = {tenex::run_status::cancelled};
  EXPECT_TRUE(all(tnx.runs().list(none)).empty());
  tenex::list_runs_params window;
  window.workflow_id = b.id;
  window.created_after = "2000-01-01T00:00:00Z";
  window.created_before = "2999-01-01T00:00:00.000+00:00";
  EXPECT_EQ(all(tnx.runs().list(window)).size(), 1u);
  window.created_before = "2001-01-01T00:00:00Z";
  EXPECT_TRUE(all(tnx.runs().list(window)).empty());
}

TEST_F(Tenex, PauseResumeCancelFollowTheStateMachine) {
  // A long wait keeps the run alive; the emulator clock is advanced by hand.
  tenex::graph g = tenex::graph_builder()
                       .wait_delay("hold", "Hold", 600)
                       .connector_action("after", "After", "crm", "noop")
                       .edge(tenex::graph_builder::start, "hold")
                       .edge("hold", "after")
                       .build();
  tenex::workflow w = create_active(g);
  tenex::run r = trigger(w.id);
  wait_status(r.id, tenex::run_status::waiting);

  EXPECT_EQ(run(tnx.runs().pause(r.id)).status, tenex::run_status::paused);  // waiting: paused at once
  EXPECT_EQ(run(tnx.runs().pause(r.id)).status, tenex::run_status::paused);  // idempotent
  emu->advance(std::chrono::minutes(20));  // paused time does not count against the wait
  EXPECT_EQ(run(tnx.runs().get(r.id)).status, tenex::run_status::paused);
  tenex::run resumed = run(tnx.runs().resume(r.id));
  EXPECT_TRUE(resumed.status == tenex::run_status::queued || resumed.status == tenex::run_status::waiting)
      << resumed.status.value();
  auto again = expect_error(tnx.runs().resume(r.id), errc::conflict);  // not paused any more
  EXPECT_EQ(again.details().vendor_code, "invalid_run_state");
  wait_status(r.id, tenex::run_status::waiting);

  tenex::run cancelling = run(tnx.runs().cancel(r.id));
  EXPECT_TRUE(cancelling.status == tenex::run_status::cancelling || cancelling.status == tenex::run_status::cancelled);
  wait_status(r.id, tenex::run_status::cancelled);
  EXPECT_EQ(run(tnx.runs().cancel(r.id)).status, tenex::run_status::cancelled);  // idempotent
  EXPECT_EQ(expect_error(tnx.runs().pause(r.id), errc::conflict).details().vendor_code, "invalid_run_state");
  EXPECT_EQ(expect_error(tnx.runs().resume(r.id), errc::conflict).details().vendor_code, "invalid_run_state");

  // A run that succeeded cannot be cancelled; a queued one is cancelled at once.
  tenex::workflow quick = create_active(scoring_graph(90));
  tenex::run ok = run(tnx.runs().wait_for_run(trigger(quick.id).id, 20s, quick_watch()));
  EXPECT_EQ(ok.status, tenex::run_status::succeeded);
  EXPECT_EQ(expect_error(tnx.runs().cancel(ok.id), errc::conflict).details().vendor_code, "invalid_run_state");
  EXPECT_EQ(expect_error(tnx.runs().pause(ok.id), errc::conflict).details().vendor_code, "invalid_run_state");
}

TEST_F(Tenex, TheIdempotentTriggerCreatesExactlyOneRunThroughResets) {
  tenex::workflow w = create_active(scoring_graph(90));
  const std::string path = "/api/v1/flows/workflows/" + w.id + "/runs";
  // The first attempt is applied and its answer cut off; the second never reaches the handler;
  // the third gets the stored answer of the first.
  emulator::fault cut;
  cut.kind = emulator::fault_kind::truncated_body;
  emu->inject({"POST", path, cut, 1});
  emulator::fault reset;
  reset.kind = emulator::fault_kind::reset_before_response;
  emu->inject({"POST", path, reset, 1});
  emu->clear_recorded_requests();
  tenex::run r = trigger(w.id, "lead_once");
  tenex::list_runs_params p;
  p.workflow_id = w.id;
  auto runs = all(tnx.runs().list(p));
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].id, r.id);
  std::set<std::string> keys;
  int posts = 0;
  for (const auto& req : emu->recorded_requests()) {
    if (req.method != "POST") continue;
    ++posts;
    for (const auto& [k, v] : req.headers)
      if (k == "Idempotency-Key" || k == "idempotency-key") keys.insert(v);
  }
  EXPECT_EQ(posts, 3);
  EXPECT_EQ(keys.size(), 1u);  // one key for the logical call, on every attempt

  // The same key with another body is refused.
  flowsdk::request_options same_key;
  same_key.idempotency_key = *keys.begin();
  auto reused = expect_error(tnx.runs().trigger(w.id, tenex::run_request(bj::object{{"lead_id", "other"}}), same_key),
                             errc::conflict);
  EXPECT_EQ(reused.details().vendor_code, "idempotency_key_reused");
}

TEST_F(Tenex, InputIsValidatedAgainstTheSchema) {
  tenex::workflow w = create_active(scoring_graph(90));
  auto e = expect_error(tnx.runs().trigger(w.id, tenex::run_request(bj::object{{"lead_id", 5}})), errc::unprocessable);
  ASSERT_FALSE(e.details().vendor_errors.empty());
  EXPECT_EQ(e.details().vendor_errors[0].location, (std::vector<std::string>{"body", "input", "lead_id"}));
  EXPECT_NE(std::string(e.what()).find("body.input.lead_id"), std::string::npos) << e.what();
}

// ---- progress: resume and fallback -----------------------------------------------------------

class TenexDroppingStreams : public Tenex {
 protected:
  static emulator::server_options dropping() {
    auto o = quick_tenex();
    o.tenex.stream_drop_after = 2;
    o.tenex.stream_split_frames = true;
    o.tenex.agent_progress_events = 3;
    return o;
  }
  TenexDroppingStreams() : Tenex(dropping()) {}
};

TEST_F(TenexDroppingStreams, ResumeAfterDroppedStreamsLosesAndDoublesNothing) {
  tenex::workflow w = create_active(scoring_graph(90));
  tenex::run r = trigger(w.id);
  tenex::run_watch watch = tnx.runs().watch(r.id, quick_watch());
  auto events = drain(watch);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.front().kind, tenex::run_event_kind::snapshot);
  EXPECT_EQ(events.back().kind, tenex::run_event_kind::succeeded);
  EXPECT_FALSE(watch.polling());
  // After the snapshot, every seq exactly once and in order.
  std::int64_t expected = events.front().seq + 1;
  for (std::size_t i = 1; i < events.size(); ++i) {
    EXPECT_EQ(events[i].seq, expected) << events[i].kind.value();
    expected = events[i].seq + 1;
  }
  // Three progress deltas of the agent, each once.
  int progress = 0;
  for (const auto& e : events) progress += e.kind == tenex::run_event_kind::step_progress;
  EXPECT_EQ(progress, 3);
}

class TenexRefusedStreams : public Tenex {
 protected:
  static emulator::server_options refusing() {
    auto o = quick_tenex();
    o.tenex.stream_mode = emulator::tenex_stream_mode::refuse_json;
    return o;
  }
  TenexRefusedStreams() : Tenex(refusing()) {}
};

TEST_F(TenexRefusedStreams, TheWatchFallsBackToPollingBehindTheSameInterface) {
  tenex::workflow w = create_active(scoring_graph(90));
  tenex::run_watch watch =
      run(tnx.runs().trigger_and_watch(w.id, tenex::run_request(bj::object{{"lead_id", "l"}}), quick_watch()));
  auto events = drain(watch);
  EXPECT_TRUE(watch.polling());
  ASSERT_GE(events.size(), 2u);
  EXPECT_EQ(events.front().kind, tenex::run_event_kind::snapshot);
  EXPECT_EQ(events.back().kind, tenex::run_event_kind::succeeded);
  for (const auto& e : events) EXPECT_TRUE(e.synthesized);
  tenex::run done = run(tnx.runs().wait_for_run(watch.run_id(), 10s, quick_watch()));
  EXPECT_EQ(done.status, tenex::run_status::succeeded);
}

TEST_F(Tenex, ResumingPastTheEndIsTheEndAndATimeoutLeavesTheRunGoing) {
  tenex::workflow w = create_active(scoring_graph(90));
  tenex::run_watch first =
      run(tnx.runs().trigger_and_watch(w.id, tenex::run_request(bj::object{{"lead_id", "l"}}), quick_watch()));
  drain(first);
  tenex::watch_options resume = quick_watch();
  resume.stream.last_event_id = std::to_string(first.last_seq());
  EXPECT_TRUE(drain(tnx.runs().watch(first.run_id(), resume)).empty());  // 204: nothing more will come

  tenex::graph slow =
      tenex::graph_builder().wait_delay("hold", "Hold", 3600).edge(tenex::graph_builder::start, "hold").build();
  tenex::workflow w2 = create_active(slow);
  tenex::run r = trigger(w2.id);
  auto e = expect_error(tnx.runs().wait_for_run(r.id, 300ms, quick_watch()), errc::timeout);
  EXPECT_NE(std::string(e.what()).find("goes on"), std::string::npos) << e.what();
  EXPECT_FALSE(run(tnx.runs().get(r.id)).status.is_terminal());
}

class TenexUnavailableStreams : public Tenex {
 protected:
  static emulator::server_options unavailable() {
    auto o = quick_tenex();
    o.tenex.stream_mode = emulator::tenex_stream_mode::refuse_503;
    return o;
  }
  TenexUnavailableStreams() : Tenex(unavailable()) {}
};

TEST_F(TenexUnavailableStreams, A503OnEveryOpeningEndsInPollingNotInAnError) {
  tenex::workflow w = create_active(scoring_graph(10));  // takes the wait branch
  tenex::run r = trigger(w.id);
  const auto started = std::chrono::steady_clock::now();
  tenex::run_watch watch = tnx.runs().watch(r.id, quick_watch());
  std::vector<tenex::run_event> events;
  run([](tenex::run_watch w, std::vector<tenex::run_event>& out) -> asio::awaitable<void> {
    for (;;) {
      auto e = co_await w.next();
      if (!e) break;
      out.push_back(std::move(*e));
      if (out.size() == 1) co_return;  // the snapshot is enough to know the mode
    }
  }(watch, events));
  EXPECT_TRUE(watch.polling());
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, tenex::run_event_kind::snapshot);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);  // 4 openings, no retries of each
}

TEST_F(Tenex, AJwtFromLoginAndACallbackThatRefreshesIt) {
  auto login =
      control("POST", "/api/v1/users/login", R"({"email":"emulator@10ex.test","password":"emulator-password"})");
  const std::string token(login.at("access_token").as_string());
  EXPECT_EQ(login.at("token_type"), "bearer");
  int asked = 0;
  auto o = options(alpha().api_key);
  o.credentials = tenex::credentials::jwt_source([&] {
    ++asked;
    return token;
  });
  tenex::client with_jwt(io.get_executor(), o);
  EXPECT_EQ(run(with_jwt.workflows().get(alpha().workflow_id)).id, alpha().workflow_id);
  EXPECT_EQ(all(with_jwt.templates().list()).size(), 3u);
  EXPECT_EQ(asked, 2);  // once per request

  o.credentials = tenex::credentials::jwt_source([] { return std::string(); });
  tenex::client no_token(io.get_executor(), o);
  expect_error(no_token.workflows().get(alpha().workflow_id), errc::unauthorized);
  o.credentials = tenex::credentials::jwt("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bm90LXNpZ25lZA");
  tenex::client forged(io.get_executor(), o);
  auto e = expect_error(forged.workflows().get(alpha().workflow_id), errc::unauthorized);
  EXPECT_EQ(e.details().attempts, 1);  // a 401 is not retried
  EXPECT_EQ(std::string(e.what()).find("bm90LXNpZ25lZA"), std::string::npos) << e.what();
}

// ---- error shapes ---------------------------------------------------------------------------------

class TenexRateLimited : public Tenex {
 protected:
  static emulator::server_options limited() {
    auto o = quick_tenex();
    o.tenex.rate_limit_per_minute = 5;
    return o;
  }
  TenexRateLimited() : Tenex(limited()) {}
};

TEST_F(TenexRateLimited, The429BodyIsTheThirdErrorShape) {
  flowsdk::request_options once;
  once.max_retries = 0;
  for (int i = 0; i < 5; ++i) run(tnx.workflows().get(alpha().workflow_id, once));
  auto e = expect_error(tnx.workflows().get(alpha().workflow_id, once), errc::rate_limited);
  EXPECT_EQ(e.details().vendor_code, "rate_limited");
  EXPECT_FALSE(e.details().vendor_message.empty());
  EXPECT_FALSE(e.details().retry_after);  // v1 sends no Retry-After
}

class TenexBudget : public Tenex {
 protected:
  static constexpr int per_minute = 300;
  static emulator::server_options limited() {
    auto o = quick_tenex();
    o.tenex.rate_limit_per_minute = per_minute;
    return o;
  }
  TenexBudget() : Tenex(limited()) {}
};

TEST_F(TenexBudget, TheClientBudgetKeepsABurstUnderTheServersLimitWithoutA429) {
  auto o = options(alpha().api_key);
  o.requests_per_minute = per_minute;
  o.transport.retry.max_retries = 0;  // a 429 would fail the call
  tenex::client budgeted(io.get_executor(), o);
  auto get = [budgeted, id = alpha().workflow_id](int) { return budgeted.workflows().get(id); };
  const int burst = per_minute + per_minute / 10;  // more than the server's bucket holds
  auto results = run(flowsdk::fan_out(std::vector<int>(burst, 0), 64, get));
  int rate_limited = 0, ok = 0;
  for (const auto& r : results) {
    if (r.has_value()) {
      ++ok;
    } else if (r.error()->code() == errc::rate_limited) {
      ++rate_limited;
    }
  }
  EXPECT_EQ(rate_limited, 0);
  EXPECT_EQ(ok, burst);
  const auto stats = budgeted.stats();
  ASSERT_TRUE(stats.budget);
  EXPECT_EQ(stats.budget->granted, static_cast<std::uint64_t>(burst));
  EXPECT_GT(stats.budget->delayed, 0u);  // some calls had to wait their turn
  EXPECT_EQ(stats.budget->queued, 0u);
}

// ---- triggers and webhooks ---------------------------------------------------------------------

TEST_F(Tenex, ExternalTriggersFireTheirWorkflowWithMappedInput) {
  tenex::workflow w = create_active(scoring_graph(90));
  tenex::trigger_create c(tenex::trigger_source::crm);
  c.workflow_id = w.id;
  c.event_type = "lead.created";
  c.filter = bj::object{{"segment_id", "seg_hot"}};
  c.input_mapping = bj::object{{"lead_id", "$.data.lead_id"}};
  tenex::external_trigger t = run(tnx.triggers().create(c));
  EXPECT_TRUE(t.enabled);
  EXPECT_EQ(run(tnx.triggers().get(t.id)).event_type, "lead.created");

  tenex::trigger_match hit =
      run(tnx.triggers().dry_run(t.id, bj::object{{"lead_id", "lead_9"}, {"segment_id", "seg_hot"}}));
  EXPECT_TRUE(hit.matched);
  EXPECT_EQ(hit.input.at("lead_id"), "lead_9");
  EXPECT_FALSE(run(tnx.triggers().dry_run(t.id, bj::object{{"lead_id", "x"}, {"segment_id", "cold"}})).matched);

  tenex::run fired = run(tnx.triggers().test(t.id, bj::object{{"lead_id", "lead_10"}, {"segment_id", "seg_hot"}}));
  EXPECT_EQ(fired.trigger.type, tenex::trigger_type::crm_event);
  EXPECT_EQ(fired.trigger.trigger_id, t.id);
  EXPECT_EQ(fired.input.at("lead_id"), "lead_10");

  // An event injected into the emulator fires it too; a filtered-out one does not.
  auto started = control("POST", "/_emulator/tenex/events",
                         R"({"workspace":")" + alpha().workspace +
                             R"(","event_type":"lead.created","data":{"lead_id":"lead_11","segment_id":"seg_hot"}})");
  ASSERT_EQ(started.at("runs").as_array().size(), 1u) << bj::serialize(started);
  auto ignored = control("POST", "/_emulator/tenex/events",
                         R"({"workspace":")" + alpha().workspace +
                             R"(","event_type":"lead.created","data":{"lead_id":"lead_12","segment_id":"cold"}})");
  EXPECT_TRUE(ignored.at("runs").as_array().empty());
  tenex::list_runs_params by_trigger;
  by_trigger.trigger_id = t.id;
  EXPECT_EQ(all(tnx.runs().list(by_trigger)).size(), 2u);

  tenex::trigger_update off;
  off.enabled = false;
  EXPECT_FALSE(run(tnx.triggers().update(t.id, off)).enabled);
  tenex::list_triggers_params enabled_only;
  enabled_only.enabled = true;
  for (const auto& listed : all(tnx.triggers().list(enabled_only))) EXPECT_NE(listed.id, t.id);
  run(tnx.triggers().remove(t.id));
  expect_error(tnx.triggers().get(t.id), errc::not_found);
}

TEST_F(Tenex, WebhookDeliveriesAreSignedAsTheSdkVerifies) {
  tenex::workflow w = create_active(scoring_graph(90));
  tenex::trigger_create hook(tenex::trigger_source::connector);
  hook.workflow_id = w.id;
  hook.target_type = tenex::trigger_target_type::webhook;
  hook.target_url = "http://127.0.0.1:9/hooks";  // nothing listens: deliveries fail and are retried
  run(tnx.triggers().create(hook));
  run(tnx.runs().wait_for_run(trigger(w.id).id, 20s, quick_watch()));

  bj::array deliveries;
  for (int i = 0; i < 200 && deliveries.empty(); ++i) {
    deliveries = control("GET", "/_emulator/tenex/deliveries").at("items").as_array();
    if (deliveries.empty()) std::this_thread::sleep_for(10ms);
  }
  ASSERT_FALSE(deliveries.empty());
  const std::string secret = "whsec_alpha_emulator";
  tenex::webhook_deduplicator seen(64);
  for (const auto& d : deliveries) {
    const std::string body(d.at("body").as_string());
    const std::string signature(d.at("signature").as_string());
    EXPECT_EQ(tenex::verify_signature(body, signature, secret), tenex::webhook_signature_status::valid) << signature;
    EXPECT_EQ(tenex::verify_signature(body + " ", signature, secret), tenex::webhook_signature_status::mismatch);
    tenex::webhook_event e = tenex::parse_webhook_event(body);
    EXPECT_EQ(e.company_id, alpha().workspace);
    EXPECT_EQ(e.data.at("workflow_id"), bj::value(w.id));
    seen.first_delivery(e.id);
  }
}

// ---- a long walk ----------------------------------------------------------------------------------

TEST_F(Tenex, WalksThousandsOfRunsOnePageAtATime) {
  tenex::graph g = tenex::graph_builder()
                       .connector_action("only", "Only", "crm", "noop")
                       .edge(tenex::graph_builder::start, "only")
                       .build();
  tenex::workflow w = create_active(g);
  auto trigger_many = [](tenex::runs runs, std::string id, int n) -> asio::awaitable<int> {
    for (int i = 0; i < n; ++i) {
      tenex::run_request r(bj::object{{"lead_id", "lead_" + std::to_string(i)}});
      co_await runs.trigger(id, std::move(r));
    }
    co_return n;
  };
  run(flowsdk::fan_out(std::vector<int>(8, 250), 8, [&](int n) { return trigger_many(tnx.runs(), w.id, n); }));
  tenex::list_runs_params p;
  p.workflow_id = w.id;
  p.limit = 200;
  auto walk = tnx.runs().list(p);
  std::set<std::string> seen;
  std::size_t largest_page = 0;
  auto pages = [&]() -> asio::awaitable<void> {
    for (;;) {
      auto page = co_await walk.next_page();
      if (!page) break;
      largest_page = std::max(largest_page, page->items.size());
      for (auto& r : page->items) seen.insert(std::move(r.id));
    }
  };
  run(pages());
  EXPECT_EQ(seen.size(), 2000u);
  EXPECT_EQ(walk.pages_fetched(), 10u);
  EXPECT_LE(largest_page, 200u);  // the paginator never holds more than one page
  EXPECT_EQ(walk.total(), 2000);
}

}  // namespace
