// The 10ex run engine through the routes: branches, agent/connector steps, retries, fallbacks,
// failures, waits (delay and event), step.progress, and every transition of the run state
// machine, on the emulator clock (server::advance).

#include "flowsdk/emulator/server.hpp"
#include "common/util.hpp"
#include "tenex_test_support.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace flowsdk::emulator::test {
namespace {

using namespace std::chrono_literals;

const headers& alpha = tenex_alpha;
const std::string& api = tenex_api;

// On the emulator clock (settle() advances it): long enough that nothing moves by itself.
server_options engine_options() { return tenex_timed_options(1s, 10s, 5s); }

class TenexEngine : public ::testing::Test {
 protected:
  TenexEngine() : server_(engine_options()) {}

  json::value ok(http::verb m, const std::string& path, const std::string& b = {}, int status = 200) {
    auto res = call(server_->port(), m, api + path, b, alpha);
    EXPECT_EQ(res.result_int(), status) << m << " " << path << " " << b << " -> " << res.body();
    return res.body().empty() ? json::value() : parse(res);
  }
  void conflict(const std::string& run, const std::string& action) {
    auto res = call(server_->port(), http::verb::post, api + "/runs/" + run + "/" + action, {}, alpha);
    EXPECT_EQ(res.result_int(), 409) << action << " -> " << res.body();
    EXPECT_EQ(parse(res).at("code"), json::value("invalid_run_state")) << res.body();
  }
  std::string action(const std::string& run, const std::string& what) {
    return str(ok(http::verb::post, "/runs/" + run + "/" + what, {}, 202).at("status"));
  }
  /// An active workflow with `graph` and the given input schema.
  std::string workflow(const std::string& graph, const std::string& schema = R"({"type":"object"})") {
    const auto w = ok(http::verb::post, "/workflows",
                      R"({"name":"t","input_schema":)" + schema + R"(,"graph":)" + graph + "}", 201);
    const auto id = str(w.at("id"));
    ok(http::verb::post, "/workflows/" + id + "/versions/1/activate");
    return id;
  }
  std::string start(const std::string& wf, const std::string& input = "{}") {
    return str(ok(http::verb::post, "/workflows/" + wf + "/runs", R"({"input":)" + input + "}", 202).at("id"));
  }
  /// Advances the clock by `d`, then runs what that made due at once.
  void settle(std::chrono::milliseconds d) {
    server_->advance(d);
    for (int k = 0; k < 20; ++k) server_->advance(0ms);
  }
  json::value run(const std::string& id) { return ok(http::verb::get, "/runs/" + id); }
  std::string status(const std::string& id) {
    // Work made due by a settle() may still be finishing on the scheduler's strand.
    std::string s;
    for (int k = 0; k < 3; ++k) {
      s = str(run(id).at("status"));
      server_->advance(0ms);
    }
    return str(run(id).at("status"));
  }
  void expect_status(const std::string& id, const std::string& want) {
    std::string got;
    for (int k = 0; k < 200; ++k) {
      got = str(run(id).at("status"));
      if (got == want) return;
      server_->advance(0ms);
      std::this_thread::sleep_for(5ms);
    }
    EXPECT_EQ(got, want) << id;
  }
  json::array steps(const std::string& id) {
    return ok(http::verb::get, "/runs/" + id + "/steps?limit=200").at("items").as_array();
  }
  /// The run's events, read back through a stream resumed after 0 (ends at the terminal event).
  std::vector<std::pair<std::string, json::object>> events(const std::string& id) {
    auto res = call(server_->port(), http::verb::get, api + "/runs/" + id + "/events?after=0", {}, alpha);
    EXPECT_EQ(res.result_int(), 200);
    std::vector<std::pair<std::string, json::object>> out;
    std::string_view body = res.body();
    std::size_t pos = 0;
    while (pos < body.size()) {
      auto end = body.find("\n\n", pos);
      if (end == std::string_view::npos) end = body.size();
      const auto frame = body.substr(pos, end - pos);
      pos = end + 2;
      std::string type;
      json::object data;
      std::size_t lp = 0;
      while (lp < frame.size()) {
        auto le = frame.find('\n', lp);
        if (le == std::string_view::npos) le = frame.size();
        const auto line = frame.substr(lp, le - lp);
        lp = le + 1;
        if (line.starts_with("event: ")) type = line.substr(7);
        if (line.starts_with("data: ")) data = json::parse(line.substr(6)).as_object();
      }
      if (!type.empty()) out.emplace_back(type, data);
    }
    long long seq = 0;
    for (const auto& [t, d] : out) {
      EXPECT_EQ(d.at("seq").as_int64(), ++seq) << t;  // gap-free
      EXPECT_EQ(d.at("run_id"), json::value(id));
    }
    return out;
  }
  std::vector<std::string> event_types(const std::string& id) {
    std::vector<std::string> out;
    for (const auto& [t, d] : events(id)) out.push_back(t);
    return out;
  }
  const std::string& seed_wf() { return server_->seed().tenex.workspaces.at(0).workflow_id; }

  background_server server_;
};

// agent (score from the input) -> branch -> connector (hot) | wait 1 day (else)
const std::string scored_graph = R"({
  "steps": [
    {"id":"score","type":"agent","config":{"crew_id":"c","input_mapping":{"s":"$.input.score"},"output":{"score":"$.input.score"}}},
    {"id":"route","type":"branch"},
    {"id":"hot","type":"connector_action","config":{"connector":"slack","action":"post","params":{"score":"$.steps.score.output.score","lit":"x"}}},
    {"id":"cold","type":"wait","config":{"mode":"delay","duration_seconds":86400}}
  ],
  "edges": [
    {"from":"start","to":"score"},{"from":"score","to":"route"},
    {"from":"route","to":"hot","condition":"$.steps.score.output.score >= 50 && $.input.vip != false"},
    {"from":"route","to":"cold","condition":"else"}
  ]})";

TEST_F(TenexEngine, SeedRunTakesTheHotBranchAndSucceeds) {
  const auto id = start(seed_wf(), R"({"lead_id":"l1"})");
  EXPECT_EQ(status(id), "queued");
  settle(1s);
  auto r = run(id);
  EXPECT_EQ(r.at("status"), json::value("running"));
  EXPECT_EQ(r.at("current_step_id"), json::value("score"));
  EXPECT_TRUE(r.at("started_at").is_string());
  settle(10s);
  EXPECT_EQ(str(run(id).at("current_step_id")), "enroll");
  settle(5s);
  expect_status(id, "succeeded");
  r = run(id);
  EXPECT_EQ(r.at("output"), json::parse(R"({"lead_id":"l1","sequence_id":"seq_seed"})"));
  EXPECT_TRUE(r.at("finished_at").is_string());
  EXPECT_TRUE(r.at("current_step_id").is_null());
  const auto s = steps(id);
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0].at("step_id"), json::value("score"));
  EXPECT_EQ(s[0].at("input"), json::parse(R"({"lead_id":"l1"})"));
  EXPECT_EQ(s[0].at("output"), json::parse(R"({"lead_id":"l1","score":87})"));
  EXPECT_TRUE(str(s[0].at("agent_run_id")).starts_with("agr_"));
  for (const auto* key : {"step_id", "type", "status", "attempt", "started_at", "finished_at", "input", "output",
                          "error", "branch_taken", "agent_run_id"})
    EXPECT_TRUE(s[0].as_object().contains(key)) << key;
  EXPECT_EQ(s[0].at("type"), json::value("agent"));
  EXPECT_TRUE(s[3].at("started_at").is_null());
  EXPECT_EQ(s[1].at("branch_taken"), json::value("enroll"));
  EXPECT_EQ(s[2].at("status"), json::value("succeeded"));
  EXPECT_EQ(s[3].at("step_id"), json::value("nurture"));
  EXPECT_EQ(s[3].at("status"), json::value("skipped"));
  EXPECT_EQ(event_types(id),
            (std::vector<std::string>{"run.status", "step.started", "step.completed", "step.started", "step.completed",
                                      "step.started", "step.completed", "run.succeeded"}));
  const auto ev = events(id);
  EXPECT_EQ(ev[0].second.at("status"), json::value("running"));
  EXPECT_EQ(ev[0].second.at("previous_status"), json::value("queued"));
  EXPECT_EQ(ev[1].second.at("attempt"), json::value(1));
  EXPECT_EQ(ev[1].second.at("type"), json::value("agent"));
  EXPECT_EQ(ev[4].second.at("branch_taken"), json::value("enroll"));
  EXPECT_EQ(ev[7].second.at("output"), r.at("output"));
}

TEST_F(TenexEngine, BranchConditionsOverInputAndOutputs) {
  const auto wf = workflow(scored_graph);
  const auto hot = start(wf, R"({"score":80})");
  const auto vip_no = start(wf, R"({"score":80,"vip":false})");
  const auto cold = start(wf, R"({"score":10})");
  settle(1s);
  settle(10s);
  settle(5s);
  expect_status(hot, "succeeded");
  EXPECT_EQ(run(hot).at("output"), json::parse(R"({"score":80,"lit":"x"})"));
  EXPECT_EQ(status(cold), "waiting");
  EXPECT_EQ(status(vip_no), "waiting");
  EXPECT_EQ(steps(cold)[1].at("branch_taken"), json::value("cold"));
  EXPECT_EQ(steps(cold)[2].at("status"), json::value("waiting"));
  settle(86400s);
  expect_status(cold, "succeeded");
  const auto s = steps(cold);
  EXPECT_EQ(s[2].at("step_id"), json::value("cold"));
  EXPECT_EQ(s[3].at("step_id"), json::value("hot"));
  EXPECT_EQ(s[3].at("status"), json::value("skipped"));
  const auto types = event_types(cold);
  EXPECT_EQ(std::count(types.begin(), types.end(), "run.status"), 3);  // running, waiting, running
}

TEST_F(TenexEngine, RetriesWithBackoffThenSucceeds) {
  const auto wf = workflow(R"({"steps":[{"id":"a","type":"connector_action",
      "config":{"connector":"crm","action":"x","params":{"p":1},"emulator":{"fail_attempts":2,"duration_ms":100}},
      "retry":{"max_attempts":3,"backoff":"exponential","delay_seconds":1}}]})");
  const auto id = start(wf);
  settle(1s);
  settle(100ms);  // attempt 1 fails
  EXPECT_EQ(status(id), "running");
  settle(1s);
  settle(100ms);  // attempt 2 fails; the next waits 2 s
  settle(1s);
  EXPECT_EQ(steps(id).size(), 2u);
  settle(1s);
  settle(100ms);
  expect_status(id, "succeeded");
  const auto s = steps(id);
  ASSERT_EQ(s.size(), 3u);
  for (int k = 0; k < 3; ++k) EXPECT_EQ(s[k].at("attempt"), json::value(k + 1));
  EXPECT_EQ(s[0].at("status"), json::value("failed"));
  EXPECT_EQ(s[0].at("error").at("code"), json::value("step_failed"));
  EXPECT_EQ(s[2].at("status"), json::value("succeeded"));
  EXPECT_EQ(s[2].at("output"), json::parse(R"({"p":1})"));
  EXPECT_EQ(ok(http::verb::get, "/runs/" + id + "/steps/a?attempt=1").at("status"), json::value("failed"));
  EXPECT_EQ(ok(http::verb::get, "/runs/" + id + "/steps/a").at("attempt"), json::value(3));
  ok(http::verb::get, "/runs/" + id + "/steps/a?attempt=4", {}, 404);
  ok(http::verb::get, "/runs/" + id + "/steps/zz", {}, 404);
  ok(http::verb::get, "/runs/" + id + "/steps/a?attempt=0", {}, 422);
  const auto ev = events(id);
  std::vector<json::object> retrying;
  for (const auto& [t, d] : ev)
    if (t == "step.retrying") retrying.push_back(d);
  ASSERT_EQ(retrying.size(), 2u);
  EXPECT_EQ(retrying[0].at("attempt"), json::value(1));
  EXPECT_EQ(retrying[0].at("error").at("code"), json::value("step_failed"));
  // Exponential: 1 s after the first failure, 2 s after the second.
  const auto gap = [](const json::object& d) {
    return *detail::parse_iso8601(str(d.at("next_attempt_at"))) - *detail::parse_iso8601(str(d.at("at")));
  };
  EXPECT_EQ(gap(retrying[0]), 1000);
  EXPECT_EQ(gap(retrying[1]), 2000);
}

TEST_F(TenexEngine, FallbackStepTakesOverAfterTheLastAttempt) {
  const auto wf = workflow(R"({"steps":[
      {"id":"a","type":"agent","config":{"emulator":{"fail":true,"duration_ms":10}},"retry":{"max_attempts":2,"delay_seconds":0.5},
       "fallback_step_id":"b"},
      {"id":"b","type":"connector_action","config":{"connector":"slack","action":"alert","params":{"why":"fallback"}}}]})");
  const auto id = start(wf);
  settle(1s);
  settle(10ms);
  settle(500ms);
  settle(10ms);
  settle(5s);
  expect_status(id, "succeeded");
  const auto types = event_types(id);
  EXPECT_EQ(types, (std::vector<std::string>{"run.status", "step.started", "step.retrying", "step.started",
                                             "step.failed", "step.started", "step.completed", "run.succeeded"}));
  const auto ev = events(id);
  EXPECT_EQ(ev[4].second.at("fallback_step_id"), json::value("b"));
  EXPECT_EQ(ev[4].second.at("attempt"), json::value(2));
  EXPECT_EQ(run(id).at("output"), json::parse(R"({"why":"fallback"})"));
}

TEST_F(TenexEngine, FailureHaltsTheRunWithTheStepId) {
  const auto wf = workflow(R"({"steps":[
      {"id":"a","type":"connector_action","config":{"connector":"crm","action":"x","emulator":{"fail":true,"error_code":"crm_down"}}},
      {"id":"b","type":"agent"}],"edges":[{"from":"a","to":"b"}]})");
  const auto id = start(wf);
  settle(1s);
  settle(5s);
  expect_status(id, "failed");
  const auto r = run(id);
  EXPECT_EQ(r.at("error").at("code"), json::value("crm_down"));
  EXPECT_EQ(r.at("error").at("step_id"), json::value("a"));
  EXPECT_TRUE(r.at("error").at("message").is_string());
  const auto s = steps(id);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[1].at("status"), json::value("skipped"));
  const auto ev = events(id);
  EXPECT_EQ(ev.back().first, "run.failed");
  EXPECT_EQ(ev.back().second.at("error"), r.at("error"));
  EXPECT_EQ(ev[ev.size() - 2].first, "step.failed");
}

TEST_F(TenexEngine, DelayWaitDoesNotCountPausedTime) {
  const auto wf = workflow(R"({"steps":[{"id":"w","type":"wait","config":{"mode":"delay","duration_seconds":10}}]})");
  const auto id = start(wf);
  settle(1s);
  EXPECT_EQ(status(id), "waiting");
  settle(4s);
  EXPECT_EQ(action(id, "pause"), "paused");  // waiting pauses at once
  settle(100s);
  EXPECT_EQ(status(id), "paused");
  EXPECT_EQ(action(id, "resume"), "queued");
  settle(1s);
  EXPECT_EQ(status(id), "waiting");
  settle(5s);
  EXPECT_EQ(status(id), "waiting");  // 4 + 5 < 10
  settle(1100ms);
  expect_status(id, "succeeded");
  const auto types = event_types(id);
  EXPECT_EQ(types, (std::vector<std::string>{"run.status", "step.started", "run.status", "run.paused", "run.resumed",
                                             "run.status", "step.completed", "run.status", "run.succeeded"}));
}

TEST_F(TenexEngine, EventWaitIsWokenByAnEventOrTimesOut) {
  const auto wf = workflow(R"({"steps":[
      {"id":"w","type":"wait","config":{"mode":"event","event_type":"deal.won","timeout_seconds":60}},
      {"id":"n","type":"connector_action","config":{"connector":"crm","action":"x","params":{"amount":"$.steps.w.output.data.amount"}}}],
      "edges":[{"from":"w","to":"n"}]})");
  const auto woken = start(wf);
  const auto timed_out = start(wf);
  settle(1s);
  EXPECT_EQ(status(woken), "waiting");
  auto res = call(server_->port(), http::verb::post, "/_emulator/tenex/events",
                  R"({"workspace":"ws_alpha","event_type":"deal.lost","data":{}})", {});
  EXPECT_EQ(parse(res).at("woken"), json::value(0));
  res = call(server_->port(), http::verb::post, "/_emulator/tenex/events",
             R"({"key":"tnx_emu_alphasecret0001","event_type":"deal.won","data":{"amount":12}})", {});
  ASSERT_EQ(res.result_int(), 202) << res.body();
  EXPECT_EQ(parse(res).at("woken"), json::value(2));
  settle(5s);
  expect_status(woken, "succeeded");
  EXPECT_EQ(run(woken).at("output"), json::parse(R"({"amount":12})"));
  EXPECT_EQ(steps(woken)[0].at("output").at("type"), json::value("deal.won"));

  const auto late = start(wf);
  settle(1s);
  settle(61s);
  expect_status(late, "failed");
  EXPECT_EQ(run(late).at("error").at("code"), json::value("wait_timeout"));
  EXPECT_EQ(run(late).at("error").at("step_id"), json::value("w"));
  EXPECT_EQ(status(timed_out), "succeeded");  // woken before its timeout
  // Another workspace's events do not reach this one.
  const auto other = start(wf);
  settle(1s);
  call(server_->port(), http::verb::post, "/_emulator/tenex/events",
       R"({"workspace":"ws_beta","event_type":"deal.won","data":{}})", {});
  EXPECT_EQ(status(other), "waiting");
}

TEST_F(TenexEngine, StepProgressDeltas) {
  const auto wf =
      workflow(R"({"steps":[{"id":"a","type":"agent","config":{"emulator":{"progress":3,"duration_ms":400}}}]})");
  const auto id = start(wf);
  settle(1s);
  for (int k = 0; k < 4; ++k) settle(100ms);
  expect_status(id, "succeeded");
  const auto ev = events(id);
  std::vector<std::string> deltas;
  for (const auto& [t, d] : ev)
    if (t == "step.progress") {
      deltas.push_back(str(d.at("delta")));
      EXPECT_EQ(d.at("step_id"), json::value("a"));
      EXPECT_EQ(d.at("attempt"), json::value(1));
    }
  EXPECT_EQ(deltas, (std::vector<std::string>{"chunk 1/3", "chunk 2/3", "chunk 3/3"}));
  EXPECT_EQ(ev[ev.size() - 2].first, "step.completed");
}

// The run state machine, action by action and state by state.
TEST_F(TenexEngine, QueuedAndPausedTransitions) {
  const auto id = start(seed_wf(), R"({"lead_id":"l"})");
  EXPECT_EQ(action(id, "pause"), "paused");
  EXPECT_EQ(action(id, "pause"), "paused");  // idempotent
  settle(5s);
  EXPECT_EQ(status(id), "paused");
  EXPECT_EQ(action(id, "resume"), "queued");
  conflict(id, "resume");
  EXPECT_EQ(action(id, "cancel"), "cancelled");  // queued cancels at once
  EXPECT_EQ(action(id, "cancel"), "cancelled");
  conflict(id, "pause");
  conflict(id, "resume");
  EXPECT_EQ(steps(id).size(), 4u);  // every step skipped
  EXPECT_EQ(steps(id)[0].at("status"), json::value("skipped"));

  const auto p = start(seed_wf(), R"({"lead_id":"l"})");
  EXPECT_EQ(action(p, "pause"), "paused");
  EXPECT_EQ(action(p, "cancel"), "cancelled");  // paused cancels at once
  EXPECT_EQ(event_types(p).back(), "run.cancelled");
}

TEST_F(TenexEngine, RunningPausesAtTheEndOfTheStep) {
  const auto id = start(seed_wf(), R"({"lead_id":"l"})");
  settle(1s);
  EXPECT_EQ(action(id, "pause"), "pausing");
  EXPECT_EQ(action(id, "pause"), "pausing");
  conflict(id, "resume");
  settle(5s);
  EXPECT_EQ(status(id), "pausing");  // the agent step is not interrupted
  settle(5s);
  EXPECT_EQ(status(id), "paused");
  auto s = steps(id);
  EXPECT_EQ(s[0].at("status"), json::value("succeeded"));
  EXPECT_EQ(s.size(), 1u);  // the branch has not started
  settle(100s);
  EXPECT_EQ(action(id, "resume"), "queued");
  settle(1s);
  settle(5s);
  expect_status(id, "succeeded");
  const auto types = event_types(id);
  EXPECT_NE(std::find(types.begin(), types.end(), "run.paused"), types.end());
  EXPECT_NE(std::find(types.begin(), types.end(), "run.resumed"), types.end());
}

TEST_F(TenexEngine, RunningCancelsAtTheEndOfTheStep) {
  const auto id = start(seed_wf(), R"({"lead_id":"l"})");
  settle(1s);
  EXPECT_EQ(action(id, "pause"), "pausing");
  EXPECT_EQ(action(id, "cancel"), "cancelling");  // pausing -> cancelling
  conflict(id, "pause");
  conflict(id, "resume");
  EXPECT_EQ(action(id, "cancel"), "cancelling");
  settle(10s);
  expect_status(id, "cancelled");
  const auto s = steps(id);
  EXPECT_EQ(s[0].at("status"), json::value("cancelled"));
  EXPECT_EQ(s[1].at("status"), json::value("skipped"));
  conflict(id, "resume");
  EXPECT_EQ(action(id, "cancel"), "cancelled");
}

TEST_F(TenexEngine, WaitingAndHungStepsCancelAtOnce) {
  const auto wf = workflow(R"({"steps":[{"id":"w","type":"wait","config":{"mode":"event","event_type":"never"}}]})");
  const auto w = start(wf);
  settle(1s);
  EXPECT_EQ(status(w), "waiting");
  EXPECT_EQ(action(w, "cancel"), "cancelling");
  expect_status(w, "cancelled");
  EXPECT_EQ(steps(w)[0].at("status"), json::value("cancelled"));

  const auto hang = workflow(R"({"steps":[{"id":"h","type":"agent","config":{"emulator":{"hang":true}}}]})");
  const auto h = start(hang);
  settle(1s);
  settle(3600s);
  EXPECT_EQ(status(h), "running");
  EXPECT_EQ(action(h, "pause"), "pausing");
  EXPECT_EQ(action(h, "cancel"), "cancelling");
  expect_status(h, "cancelled");
}

TEST_F(TenexEngine, FinishedRunsRefuseActions) {
  const auto wf = workflow(
      R"({"steps":[{"id":"a","type":"connector_action","config":{"connector":"c","action":"x","emulator":{"duration_ms":1}}}]})");
  const auto id = start(wf);
  settle(1s);
  settle(1ms);
  expect_status(id, "succeeded");
  conflict(id, "cancel");
  conflict(id, "pause");
  conflict(id, "resume");
  const auto bad = workflow(
      R"({"steps":[{"id":"a","type":"connector_action","config":{"connector":"c","action":"x","emulator":{"fail":true,"duration_ms":1}}}]})");
  const auto f = start(bad);
  settle(1s);
  settle(1ms);
  expect_status(f, "failed");
  conflict(f, "cancel");
  conflict(f, "pause");
}

TEST_F(TenexEngine, ControlEventsFireMatchingTriggers) {
  const auto& wf = seed_wf();
  const auto mk = [&](const std::string& extra) {
    return str(ok(http::verb::post, "/triggers",
                  R"({"source":"crm","event_type":"lead.created","workflow_id":")" + wf + "\"" + extra + "}", 201)
                   .at("id"));
  };
  const auto match = mk(R"(,"filter":{"segment_id":"seg_1"},"input_mapping":{"lead_id":"$.data.lead.id"})");
  mk(R"(,"filter":{"segment_id":"seg_2"},"input_mapping":{"lead_id":"$.data.lead.id"})");
  mk(R"(,"enabled":false,"input_mapping":{"lead_id":"$.data.lead.id"})");
  mk(R"(,"input_mapping":{"lead_id":"$.data.missing"})");  // its input fails the schema: no run
  auto res = call(
      server_->port(), http::verb::post, "/_emulator/tenex/events",
      R"({"workspace":"ws_alpha","event_type":"lead.created","data":{"segment_id":"seg_1","lead":{"id":"l9"}}})", {});
  ASSERT_EQ(res.result_int(), 202) << res.body();
  const auto out = parse(res);
  ASSERT_EQ(out.at("runs").as_array().size(), 1u);
  const auto r = run(str(out.at("runs").at(0)));
  EXPECT_EQ(r.at("input"), json::parse(R"({"lead_id":"l9"})"));
  EXPECT_EQ(r.at("trigger").at("type"), json::value("crm_event"));
  EXPECT_EQ(r.at("trigger").at("trigger_id"), json::value(match));
  EXPECT_EQ(r.at("trigger").at("event_id"), out.at("event_id"));
  res = call(server_->port(), http::verb::post, "/_emulator/tenex/events", R"({"workspace":"nope","event_type":"x"})",
             {});
  EXPECT_EQ(res.result_int(), 422);
  res = call(server_->port(), http::verb::get, "/_emulator/tenex/events", {}, {});
  EXPECT_EQ(res.result_int(), 405);
}

TEST_F(TenexEngine, ScheduleTriggersFireOnTheEmulatorClock) {
  const auto& wf = seed_wf();
  auto res = call(server_->port(), http::verb::post, api + "/triggers",
                  R"({"source":"schedule","cron":"every minute","workflow_id":")" + wf + "\"}", alpha);
  EXPECT_EQ(res.result_int(), 422);
  EXPECT_EQ(parse(res).at("detail").at(0).at("loc"), json::parse(R"(["body","cron"])"));
  const auto t = str(ok(http::verb::post, "/triggers",
                        R"({"source":"schedule","cron":"*/5 * * * *","workflow_id":")" + wf +
                            R"(","input_mapping":{"lead_id":"$.data.scheduled_at"}})",
                        201)
                         .at("id"));
  const auto count = [&] { return ok(http::verb::get, "/runs?trigger_type=schedule").at("items").as_array().size(); };
  EXPECT_EQ(count(), 0u);
  settle(5min);
  EXPECT_EQ(count(), 1u);
  settle(5min);
  settle(5min);
  EXPECT_EQ(count(), 3u);
  const auto r = ok(http::verb::get, "/runs?trigger_type=schedule&limit=1").at("items").at(0);
  EXPECT_EQ(r.at("trigger").at("source"), json::value("schedule"));
  EXPECT_EQ(r.at("trigger").at("trigger_id"), json::value(t));
  const auto at = detail::parse_iso8601(str(r.at("input").at("lead_id")));
  ASSERT_TRUE(at);
  EXPECT_EQ(*at % (5 * 60 * 1000), 0);  // on a cron match
  ok(http::verb::patch, "/triggers/" + t, R"({"enabled":false})");
  settle(30min);
  EXPECT_EQ(count(), 3u);
}

}  // namespace
}  // namespace flowsdk::emulator::test
