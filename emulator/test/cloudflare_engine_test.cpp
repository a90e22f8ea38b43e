// The Cloudflare Workflows engine on a manual clock: scripted programs, the instance state machine,
// pause/resume timer shifts, rollback, restart, events and retention, without sockets or sleeps.

#include "cloudflare/state.hpp"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

namespace flowsdk::emulator::detail::cf {
namespace {

constexpr epoch_ms T0 = 1'700'000'000'000;

json::value iso(epoch_ms t) { return json::value(format_iso8601(t)); }

class Engine : public ::testing::Test {
 protected:
  Engine() : state_(engine_options{1.0, false, 7}) {}

  workflow& wf(const std::string& script) {
    acct_ = &state_.get_account("acc", T0);
    return state_.put_workflow(*acct_, script + "-wf", "Cls", script, std::nullopt, std::nullopt, std::nullopt, T0);
  }
  instance& create(workflow& w, json::value params = json::object{}, std::optional<std::string> id = std::nullopt,
                   epoch_ms at = T0) {
    cf_state::create_args a;
    a.id = std::move(id);
    a.params = std::move(params);
    std::vector<cf_state::create_args> v;
    v.push_back(std::move(a));
    return *state_.create_instances(w, std::move(v), at).front();
  }
  status at(instance& i, epoch_ms t) {
    state_.run_due(t);
    return i.current_status();
  }
  json::object details(const instance& i) { return state_.instance_details_json(i, false, false); }

  cf_state state_;
  account* acct_ = nullptr;
};

TEST_F(Engine, EchoRunsToCompleteWithParamsAsOutput) {
  auto& w = wf("echo");
  auto& i = create(w, json::object{{"x", 1}});
  EXPECT_EQ(at(i, T0 + 5), status::queued);
  EXPECT_EQ(at(i, T0 + 10), status::running);  // start delay 10, one attempt of 10
  EXPECT_EQ(at(i, T0 + 20), status::complete);
  const auto d = details(i);
  EXPECT_EQ(d.at("output"), (json::object{{"x", 1}}));
  EXPECT_EQ(d.at("success"), true);
  EXPECT_EQ(d.at("start"), iso(T0 + 10));
  EXPECT_EQ(d.at("end"), iso(T0 + 20));
  const auto& s = d.at("steps").at(0).as_object();
  EXPECT_EQ(s.at("type"), "step");
  EXPECT_EQ(s.at("name"), "echo");
  EXPECT_EQ(s.at("attempts").as_array().size(), 1u);
  EXPECT_EQ(s.at("config").at("retries").at("limit"), 5);
  EXPECT_EQ(s.at("config").at("timeout"), "10 minutes");
  EXPECT_FALSE(state_.next_due());
}

TEST_F(Engine, FlakyRetriesWithExponentialBackoff) {
  auto& w = wf("flaky");
  auto& i = create(w);
  // start 10; attempt 1 [10,30] fails; +50 -> attempt 2 [80,100] fails; +100 -> attempt 3 [200,220] ok.
  EXPECT_EQ(at(i, T0 + 79), status::running);
  ASSERT_EQ(i.steps.at(0).attempts.size(), 1u);
  EXPECT_EQ(i.steps[0].attempts[0].success, false);
  EXPECT_EQ(at(i, T0 + 199), status::running);
  EXPECT_EQ(i.steps[0].attempts.size(), 2u);
  EXPECT_EQ(at(i, T0 + 220), status::complete);
  const auto d = details(i);
  const auto& att = d.at("steps").at(0).at("attempts").as_array();
  ASSERT_EQ(att.size(), 3u);
  EXPECT_EQ(att[0].at("error").at("message"), "transient failure");
  EXPECT_EQ(att[0].at("error").at("name"), "Error");
  EXPECT_EQ(att[1].at("start"), iso(T0 + 80));
  EXPECT_EQ(att[2].at("start"), iso(T0 + 200));
  EXPECT_EQ(att[2].at("success"), true);
  EXPECT_TRUE(att[2].at("error").is_null());
}

TEST_F(Engine, FailingErrorsAfterItsRetry) {
  auto& w = wf("failing");
  auto& i = create(w);
  EXPECT_EQ(at(i, T0 + 1000), status::errored);
  const auto d = details(i);
  EXPECT_EQ(d.at("error").at("message"), "explode failed");
  EXPECT_EQ(d.at("success"), false);
  EXPECT_EQ(d.at("steps").at(1).at("attempts").as_array().size(), 2u);  // retries limit 1
  // prepare [10,30], explode [30,50] fails, +50, [100,120] fails -> errored at 120.
  EXPECT_EQ(d.at("end"), iso(T0 + 120));
}

TEST_F(Engine, PipelineSleepsWaitsAndConsumesEvents) {
  auto& w = wf("pipeline");
  auto& i = create(w, json::object{{"sleep_ms", 1000}, {"timeout_ms", 10'000}});
  // validate [10,20]; cool-down [20,1020]; approval from 1020.
  EXPECT_EQ(at(i, T0 + 500), status::waiting);
  EXPECT_EQ(i.steps.back().name, "cool-down");
  EXPECT_EQ(at(i, T0 + 1500), status::waiting);
  EXPECT_EQ(i.steps.back().name, "approval");
  state_.send_event(i, "other", json::object{}, T0 + 1600);  // another type: buffered, no wake-up
  EXPECT_EQ(i.current_status(), status::waiting);
  state_.send_event(i, "approval", json::object{{"amount", 42}}, T0 + 1700);
  EXPECT_EQ(i.current_status(), status::running);  // charge runs [1700,1710]
  EXPECT_EQ(at(i, T0 + 1710), status::complete);
  EXPECT_EQ(details(i).at("output"), (json::object{{"approved", true}, {"charged", 42}}));
  const auto d = details(i);
  const auto& wait = d.at("steps").at(2).as_object();
  EXPECT_EQ(wait.at("type"), "waitForEvent");
  EXPECT_EQ(wait.at("finished"), true);
  EXPECT_EQ(wait.at("event_type"), "approval");
  EXPECT_EQ(wait.at("output"), (json::object{{"amount", 42}}));
}

TEST_F(Engine, PipelineEventSentEarlyIsBuffered) {
  auto& w = wf("pipeline");
  auto& i = create(w);
  state_.send_event(i, "approval", json::object{{"amount", 7}}, T0 + 1);
  EXPECT_EQ(at(i, T0 + 1000), status::complete);
  EXPECT_EQ(details(i).at("output").at("charged"), 7);
}

TEST_F(Engine, PipelineTimesOut) {
  auto& w = wf("pipeline");
  auto& i = create(w, json::object{{"sleep_ms", 0}, {"timeout_ms", 100}});
  EXPECT_EQ(at(i, T0 + 119), status::waiting);
  EXPECT_EQ(at(i, T0 + 121), status::errored);
  EXPECT_EQ(i.error->name, "WorkflowTimeoutError");
  EXPECT_THROW(state_.send_event(i, "approval", json::object{}, T0 + 200), api_error);
}

TEST_F(Engine, PauseWaitsForTheStepThenResumeShiftsTimers) {
  auto& w = wf("slow");
  auto& i = create(w);
  EXPECT_EQ(at(i, T0 + 30), status::running);  // tick-1 [10,60]
  EXPECT_EQ(state_.pause(i, T0 + 30), status::waiting_for_pause);
  EXPECT_EQ(at(i, T0 + 59), status::waiting_for_pause);
  EXPECT_EQ(at(i, T0 + 60), status::paused);  // tick-1 done, tick-2 not started
  EXPECT_EQ(i.steps.size(), 1u);
  EXPECT_EQ(at(i, T0 + 5000), status::paused);
  EXPECT_EQ(state_.resume(i, T0 + 5000), status::queued);
  EXPECT_EQ(at(i, T0 + 5009), status::queued);
  EXPECT_EQ(at(i, T0 + 5010), status::running);
  EXPECT_EQ(i.steps.back().name, "tick-2");
  EXPECT_EQ(i.steps.back().start, T0 + 5010);
  EXPECT_EQ(at(i, T0 + 5010 + 19 * 50), status::complete);
}

TEST_F(Engine, PauseDuringSleepFreezesIt) {
  auto& w = wf("pipeline");
  auto& i = create(w, json::object{{"sleep_ms", 1000}});
  EXPECT_EQ(at(i, T0 + 520), status::waiting);  // cool-down [20,1020]
  EXPECT_EQ(state_.pause(i, T0 + 520), status::paused);
  EXPECT_EQ(at(i, T0 + 3000), status::paused);
  EXPECT_EQ(state_.resume(i, T0 + 3000), status::queued);
  // 500 ms of sleep were left; resumed at 3000 plus the 10 ms queue: ends at 3510.
  EXPECT_EQ(i.steps.back().end, T0 + 3510);
  EXPECT_EQ(at(i, T0 + 3509), status::waiting);
  EXPECT_EQ(at(i, T0 + 3510), status::waiting);
  EXPECT_EQ(i.steps.back().name, "approval");
}

TEST_F(Engine, ResumeCancelsAPendingPauseAndNoOps) {
  auto& w = wf("slow");
  auto& i = create(w);
  EXPECT_EQ(state_.resume(i, T0), status::queued);  // no-op
  EXPECT_EQ(state_.pause(i, T0), status::queued);   // no-op while queued
  EXPECT_EQ(at(i, T0 + 20), status::running);
  EXPECT_EQ(state_.pause(i, T0 + 20), status::waiting_for_pause);
  EXPECT_EQ(state_.resume(i, T0 + 21), status::running);
  EXPECT_EQ(at(i, T0 + 200), status::running);
  EXPECT_GT(i.steps.size(), 2u);
}

TEST_F(Engine, TerminateWithRollbackUndoesCompletedStepsInReverse) {
  auto& w = wf("slow");
  auto& i = create(w);
  EXPECT_EQ(at(i, T0 + 170), status::running);  // tick-1..3 done at 160, tick-4 running
  EXPECT_EQ(state_.terminate(i, true, T0 + 170), status::rolling_back);
  EXPECT_THROW(state_.restart(i, std::nullopt, T0 + 171), api_error);  // 409 while rolling back
  EXPECT_EQ(at(i, T0 + 230), status::terminated);                      // 3 rollbacks of 20
  const auto d = details(i);
  const auto& steps = d.at("steps").as_array();
  ASSERT_EQ(steps.size(), 4u + 3u + 1u);
  EXPECT_EQ(steps[4].at("type"), "rollback");
  EXPECT_EQ(steps[4].at("name"), "tick-3");
  EXPECT_EQ(steps[6].at("name"), "tick-1");
  EXPECT_EQ(steps[7].at("type"), "termination");
  EXPECT_EQ(steps[7].at("trigger").at("source"), "api");
  EXPECT_EQ(d.at("rollback").at("outcome"), "complete");
  EXPECT_THROW(state_.terminate(i, false, T0 + 300), api_error);  // finite state
}

TEST_F(Engine, RestartFromAStepKeepsTheStepsBefore) {
  auto& w = wf("slow");
  auto& i = create(w, json::object{{"p", 1}});
  EXPECT_EQ(at(i, T0 + 2000), status::complete);
  cf_state::restart_from from;
  from.name = "tick";
  from.count = 5;
  EXPECT_EQ(state_.restart(i, from, T0 + 3000), status::queued);
  EXPECT_EQ(i.steps.size(), 4u);
  EXPECT_TRUE(i.output.is_null());
  EXPECT_EQ(at(i, T0 + 3010), status::running);
  EXPECT_EQ(i.steps.back().name, "tick-5");
  EXPECT_EQ(at(i, T0 + 3010 + 16 * 50), status::complete);
  EXPECT_EQ(i.params, (json::object{{"p", 1}}));
  from.name = "nope";
  EXPECT_THROW(state_.restart(i, from, T0 + 5000), api_error);
  from.name = "tick-20";  // the displayed name works too
  from.count = 1;
  EXPECT_EQ(state_.restart(i, from, T0 + 5000), status::queued);
  EXPECT_EQ(i.steps.size(), 19u);
}

TEST_F(Engine, RetentionExpiresFinishedInstances) {
  auto& w = wf("echo");
  cf_state::create_args a;
  a.id = "short";
  a.keep.success_retention = 100;
  std::vector<cf_state::create_args> v;
  v.push_back(std::move(a));
  state_.create_instances(w, std::move(v), T0);
  state_.run_due(T0 + 119);
  EXPECT_EQ(w.instances.count("short"), 1u);
  state_.run_due(T0 + 120);  // complete at 20, +100
  EXPECT_EQ(w.instances.count("short"), 0u);
  EXPECT_TRUE(w.by_created.empty());
  // Workflow default, then account settings; errors use error_retention.
  acct_->settings.error_retention = 50;
  auto& f = state_.put_workflow(*acct_, "f", "C", "failing", std::nullopt, std::nullopt, std::nullopt, T0);
  auto& doomed = create(f, json::object{}, "doomed");
  (void)doomed;
  state_.run_due(T0 + 120 + 49);
  EXPECT_EQ(f.instances.count("doomed"), 1u);
  state_.run_due(T0 + 170);
  EXPECT_EQ(f.instances.count("doomed"), 0u);
}

TEST_F(Engine, DurationsParse) {
  EXPECT_EQ(parse_duration(json::value(1500)), 1500);
  EXPECT_EQ(parse_duration(json::value("5 minutes")), 300'000);
  EXPECT_EQ(parse_duration(json::value("1 day")), 86'400'000);
  EXPECT_EQ(parse_duration(json::value("2 weeks")), 2 * 604'800'000LL);
  EXPECT_EQ(parse_duration(json::value("30 seconds")), 30'000);
  EXPECT_EQ(parse_duration(json::value("250")), 250);
  EXPECT_FALSE(parse_duration(json::value("soon")));
  EXPECT_FALSE(parse_duration(json::value(-1)));
  EXPECT_FALSE(parse_duration(json::value("5 fortnights")));
}

TEST_F(Engine, GraphFoldsRepeatsIntoALoop) {
  const auto g = script_graph(*find_script("slow"), "Slow");
  ASSERT_EQ(g.at("nodes").as_array().size(), 1u);
  EXPECT_EQ(g.at("nodes").at(0).at("type"), "loop");
  EXPECT_EQ(g.at("nodes").at(0).at("nodes").at(0).at("type"), "step_do");
  const auto p = script_graph(*find_script("pipeline"), "P");
  ASSERT_EQ(p.at("nodes").as_array().size(), 4u);
  EXPECT_EQ(p.at("nodes").at(1).at("type"), "step_sleep");
  EXPECT_EQ(p.at("nodes").at(2).at("type"), "step_wait_for_event");
  EXPECT_EQ(p.at("nodes").at(2).at("options").at("event_type"), "approval");
}

}  // namespace
}  // namespace flowsdk::emulator::detail::cf
