// The Cloudflare Workflows client against the emulator over TLS: every operation, each status
// transition and each invalid one, events, retention, and a walk over thousands of instances.
#include "flowsdk/cloudflare/client.hpp"
#include "flowsdk/flowsdk.hpp"

#include "support/emulated.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/json/parse.hpp>

#include <set>

using flowsdk::errc;
namespace asio = boost::asio;
namespace cf = flowsdk::cloudflare;
namespace bj = boost::json;
using namespace std::chrono_literals;

namespace {

flowsdk::emulator::server_options cf_emulator(double time_scale) {
  auto o = flowsdk::test::quick_emulator();
  o.cloudflare.time_scale = time_scale;
  return o;
}

class Cloudflare : public flowsdk::test::emulated_test {
 protected:
  explicit Cloudflare(double time_scale = 0.05) : emulated_test(cf_emulator(time_scale)) {}

  cf::client_options options() {
    cf::client_options o = emu.cloudflare_options();
    o.transport.retry.initial_backoff = 10ms;
    return o;
  }

  cf::client cf_client{io.get_executor(), options()};
  cf::workflows workflows = cf_client.workflows();
  cf::instances instances = cf_client.instances();
  cf::versions versions = cf_client.versions();

  void deploy(const std::string& name, const std::string& script) {
    run(workflows.put_workflow(name, cf::workflow_put("Workflow", script)));
  }

  cf::instance_created start(const std::string& workflow, bj::value params = bj::object()) {
    cf::instance_create c(std::move(params));
    return run(instances.create(workflow, c));
  }

  // Polls until the instance reaches `wanted` (or any terminal status when empty); bounded.
  cf::instance_details wait_for(const std::string& workflow, const std::string& id,
                                std::optional<cf::instance_status> wanted = std::nullopt) {
    for (int i = 0; i < 500; ++i) {
      auto d = run(instances.get(workflow, id));
      if (wanted ? d.status == *wanted : d.status.is_terminal()) return d;
      asio::steady_timer t(io, 5ms);
      t.wait();
    }
    ADD_FAILURE() << "instance " << id << " never reached " << (wanted ? wanted->value() : "a terminal status");
    return {};
  }

  template <class T>
  std::vector<T> all(flowsdk::paginator<T> p) {
    auto walk = [&]() -> asio::awaitable<std::vector<T>> {
      std::vector<T> out;
      while (auto item = co_await p.next()) out.push_back(std::move(*item));
      co_return out;
    };
    return run(walk());
  }
};

class CloudflareRealTime : public Cloudflare {
 protected:
  CloudflareRealTime() : Cloudflare(1.0) {}
};

}  // namespace

TEST_F(Cloudflare, WorkflowsPutGetListDelete) {
  auto put = run(workflows.put_workflow("orders", cf::workflow_put("OrderWorkflow", "echo")));
  EXPECT_EQ(put.name, "orders");
  EXPECT_FALSE(put.version_id.empty());
  auto got = run(workflows.get_workflow("orders"));
  EXPECT_EQ(got.script_name, "echo");
  EXPECT_EQ(got.instances.at("complete"), 0);

  for (int i = 0; i < 4; ++i) deploy("batch-" + std::to_string(i), "echo");
  cf::list_workflows_params p;
  p.per_page = 2;
  emu->clear_recorded_requests();
  auto listed = all(workflows.list_workflows(p));
  EXPECT_EQ(listed.size(), 6u);                    // 4 + orders + the seeded echo-workflow
  EXPECT_EQ(emu->recorded_requests().size(), 3u);  // total_pages known: no empty extra page
  cf::list_workflows_params search;
  search.search = "batch";
  EXPECT_EQ(all(workflows.list_workflows(search)).size(), 4u);

  run(workflows.delete_workflow("orders"));
  auto e = expect_error(workflows.get_workflow("orders"), errc::not_found);
  EXPECT_FALSE(e.details().vendor_code.empty());
  expect_error(workflows.put_workflow("bad", cf::workflow_put("", "echo")), errc::bad_request);
  expect_error(workflows.put_workflow("settings", cf::workflow_put("C", "echo")), errc::bad_request);
}

TEST_F(Cloudflare, SettingsMergePartialUpdates) {
  cf::workflow_settings s;
  s.default_retention = cf::retention{bj::value("1 day"), std::nullopt, {}};
  auto updated = run(workflows.update_settings(s));
  ASSERT_TRUE(updated.default_retention);
  EXPECT_EQ(updated.default_retention->error_retention->to_number<std::int64_t>(), 86'400'000);
  EXPECT_EQ(run(workflows.get_settings()).default_retention->error_retention->to_number<std::int64_t>(), 86'400'000);
}

TEST_F(Cloudflare, AnEchoInstanceCompletesWithItsParams) {
  deploy("echo", "echo");
  bj::value params = bj::parse(R"({"order":42,"items":["a","b"]})");
  auto created = start("echo", params);
  EXPECT_EQ(created.id.size(), 36u);  // a client-chosen UUID
  EXPECT_TRUE(created.status == cf::instance_status::queued);
  auto done = wait_for("echo", created.id);
  EXPECT_TRUE(done.status == cf::instance_status::complete);
  EXPECT_EQ(done.output, params);
  EXPECT_EQ(done.params, params);
  EXPECT_FALSE(done.version_id.empty());
  ASSERT_FALSE(done.steps.empty());
  EXPECT_EQ(done.steps[0].type, "step");

  cf::get_instance_params simple;
  simple.simple = true;
  auto brief = run(instances.get("echo", created.id, simple));
  EXPECT_TRUE(brief.steps.empty());
  EXPECT_EQ(brief.step_count, done.step_count);
  expect_error(instances.get("echo", "no-such-instance"), errc::not_found);
}

TEST_F(Cloudflare, APipelineWaitsForItsEventAndUsesIt) {
  deploy("pipeline", "pipeline");
  auto created = start("pipeline", bj::parse(R"({"sleep_ms":20,"timeout_ms":60000})"));
  auto waiting = wait_for("pipeline", created.id, cf::instance_status::waiting);
  (void)waiting;
  // Wait until the instance is in its waitForEvent, not still in the cool-down sleep.
  for (int i = 0; i < 200; ++i) {
    auto d = run(instances.get("pipeline", created.id));
    bool in_wait = false;
    for (const auto& s : d.steps) in_wait |= s.type == "waitForEvent";
    if (in_wait) break;
    asio::steady_timer t(io, 5ms);
    t.wait();
  }
  auto ack = run(instances.send_event("pipeline", created.id, "approval", bj::object{{"amount", 5}}));
  EXPECT_EQ(ack.instance_id, created.id);
  auto done = wait_for("pipeline", created.id);
  EXPECT_TRUE(done.status == cf::instance_status::complete);
  EXPECT_EQ(done.output, bj::parse(R"({"approved":true,"charged":5})"));

  auto charge = run(instances.step("pipeline", created.id, cf::step_output_params("charge")));
  ASSERT_TRUE(charge.json);
  EXPECT_EQ(charge.json->output, bj::parse(R"({"charged":5})"));
  auto approval = run(instances.step("pipeline", created.id, cf::step_output_params("approval", "waitForEvent")));
  ASSERT_TRUE(approval.json);
  EXPECT_EQ(approval.json->event_type, "approval");
  expect_error(instances.step("pipeline", created.id, cf::step_output_params("nope")), errc::not_found);
  expect_error(instances.send_event("pipeline", created.id, "approval"), errc::bad_request);  // finished
  expect_error(instances.send_event("pipeline", "missing", "approval"), errc::not_found);
}

TEST_F(Cloudflare, AnEventThatNeverComesTimesTheInstanceOut) {
  deploy("pipeline", "pipeline");
  auto created = start("pipeline", bj::parse(R"({"sleep_ms":1,"timeout_ms":100})"));
  auto done = wait_for("pipeline", created.id);
  EXPECT_TRUE(done.status == cf::instance_status::errored);
  ASSERT_TRUE(done.error);
}

TEST_F(Cloudflare, RetriesShowInTheAttemptsAndFailuresInTheError) {
  deploy("flaky", "flaky");
  deploy("failing", "failing");
  auto flaky = wait_for("flaky", start("flaky").id);
  EXPECT_TRUE(flaky.status == cf::instance_status::complete);
  ASSERT_FALSE(flaky.steps.empty());
  const auto& step = flaky.steps[0];
  ASSERT_EQ(step.attempts.size(), 3u);
  EXPECT_FALSE(*step.attempts[0].success);
  EXPECT_EQ(step.attempts[0].error->message, "transient failure");
  EXPECT_TRUE(*step.attempts[2].success);
  ASSERT_TRUE(step.config);
  EXPECT_EQ(step.config->retries.limit, 3);

  const auto failing_id = start("failing").id;
  auto failing = wait_for("failing", failing_id);
  EXPECT_TRUE(failing.status == cf::instance_status::errored);
  ASSERT_TRUE(failing.error);
  EXPECT_EQ(failing.error->message, "explode failed");
  cf::step_output_params second("explode");
  second.attempt = 2;
  auto out = run(instances.step("failing", failing_id, second));
  ASSERT_TRUE(out.json);
  EXPECT_TRUE(out.json->error.has_value());
  second.attempt = 9;
  expect_error(instances.step("failing", failing_id, second), errc::not_found);
}

TEST_F(Cloudflare, SensitiveOutputsAreRedactedAndStreamsComeRaw) {
  deploy("sensitive", "sensitive");
  const auto id = start("sensitive").id;
  wait_for("sensitive", id);
  auto secret = run(instances.step("sensitive", id, cf::step_output_params("secret")));
  ASSERT_TRUE(secret.json);
  EXPECT_EQ(secret.json->output, "[REDACTED]");
  auto blob = run(instances.step("sensitive", id, cf::step_output_params("blob")));
  EXPECT_FALSE(blob.json);
  ASSERT_EQ(blob.raw.size(), 256u);
  EXPECT_EQ(static_cast<unsigned char>(blob.raw[255]), 255);
}

TEST_F(Cloudflare, PauseResumeTerminateRestartAndTheirInvalidForms) {
  deploy("slow", "slow");
  const auto id = start("slow").id;
  wait_for("slow", id, cf::instance_status::running);

  auto paused = run(instances.change_status("slow", id, cf::status_change::pause()));
  EXPECT_TRUE(paused.status == cf::instance_status::waiting_for_pause || paused.status == cf::instance_status::paused);
  wait_for("slow", id, cf::instance_status::paused);
  // Pausing again is a no-op.
  EXPECT_TRUE(run(instances.change_status("slow", id, cf::status_change::pause())).status ==
              cf::instance_status::paused);

  auto resumed = run(instances.change_status("slow", id, cf::status_change::resume()));
  EXPECT_FALSE(resumed.status == cf::instance_status::paused);
  wait_for("slow", id, cf::instance_status::running);

  auto terminated = run(instances.change_status("slow", id, cf::status_change::terminate()));
  EXPECT_TRUE(terminated.status == cf::instance_status::terminated);
  auto details = run(instances.get("slow", id));
  ASSERT_FALSE(details.steps.empty());
  EXPECT_EQ(details.steps.back().type, "termination");
  ASSERT_TRUE(details.steps.back().trigger);
  EXPECT_EQ(details.steps.back().trigger->source, "api");

  // Terminating a finished instance is refused; resuming it does nothing.
  expect_error(instances.change_status("slow", id, cf::status_change::terminate()), errc::bad_request);
  EXPECT_TRUE(run(instances.change_status("slow", id, cf::status_change::resume())).status ==
              cf::instance_status::terminated);

  // Restart replays from the start with the same id.
  auto restarted = run(instances.change_status("slow", id, cf::status_change::restart()));
  EXPECT_FALSE(restarted.status.is_terminal());
  auto again = wait_for("slow", id);
  EXPECT_TRUE(again.status == cf::instance_status::complete);
  expect_error(instances.change_status("slow", id, cf::status_change::restart_from("no-such-step")), errc::not_found);

  // Restart from a step keeps the steps before it.
  auto from = run(instances.change_status("slow", id, cf::status_change::restart_from("tick-15")));
  EXPECT_FALSE(from.status.is_terminal());
  auto replayed = wait_for("slow", id);
  EXPECT_TRUE(replayed.status == cf::instance_status::complete);
}

TEST_F(CloudflareRealTime, TerminateWithRollbackRunsRollbackStepsAndRestartIsRefusedMeanwhile) {
  deploy("slow", "slow");
  const auto id = start("slow").id;
  // Let a few ticks complete so there is something to roll back.
  for (int i = 0; i < 200; ++i) {
    if (run(instances.get("slow", id)).steps.size() >= 3) break;
    asio::steady_timer t(io, 20ms);
    t.wait();
  }
  auto rolling = run(instances.change_status("slow", id, cf::status_change::terminate(true)));
  EXPECT_TRUE(rolling.status == cf::instance_status::rolling_back);
  auto e = expect_error(instances.change_status("slow", id, cf::status_change::restart()), errc::conflict);
  EXPECT_EQ(e.details().attempts, 1);  // 409 is never retried
  auto done = wait_for("slow", id);
  EXPECT_TRUE(done.status == cf::instance_status::terminated);
  bool rolled_back = false;
  for (const auto& s : done.steps) rolled_back |= s.type == "rollback";
  EXPECT_TRUE(rolled_back);
}

TEST_F(Cloudflare, BatchesDeleteAndTerminate) {
  deploy("pipeline", "pipeline");
  std::vector<cf::instance_create> batch(3, cf::instance_create(bj::parse(R"({"timeout_ms":60000})")));
  batch[0].instance_id = "chosen-id";
  auto created = run(instances.create_batch("pipeline", batch));
  ASSERT_EQ(created.size(), 3u);
  EXPECT_EQ(created[0].id, "chosen-id");
  cf::instance_create duplicate;
  duplicate.instance_id = "chosen-id";
  expect_error(instances.create("pipeline", duplicate), errc::conflict);
  cf::instance_create bad_id;
  bad_id.instance_id = "-starts-with-a-dash";
  expect_error(instances.create("pipeline", bad_id), errc::bad_request);

  auto job = run(instances.terminate_batch("pipeline", {created[1].id, created[2].id}));
  EXPECT_EQ(job.instances_terminated, 2);
  EXPECT_EQ(job.status, "ok");
  for (int i = 0; i < 200 && run(instances.terminate_status("pipeline")).status == "running"; ++i) {
    asio::steady_timer t(io, 5ms);
    t.wait();
  }
  EXPECT_TRUE(wait_for("pipeline", created[1].id).status == cf::instance_status::terminated);

  auto removed = run(instances.remove_batch("pipeline", {created[1].id, "missing-one"}));
  ASSERT_EQ(removed.deleted.size(), 1u);
  ASSERT_EQ(removed.errors.size(), 1u);
  EXPECT_EQ(removed.errors[0].code, 10400);
  auto ack = run(instances.remove("pipeline", created[0].id));
  EXPECT_EQ(ack.instance_id, created[0].id);
  expect_error(instances.get("pipeline", created[0].id), errc::not_found);
}

TEST_F(CloudflareRealTime, ABatchTerminateJobRunsInTheBackground) {
  deploy("pipeline", "pipeline");
  std::vector<cf::instance_create> batch(3, cf::instance_create(bj::parse(R"({"timeout_ms":60000})")));
  auto created = run(instances.create_batch("pipeline", batch));
  std::vector<std::string> ids;
  for (const auto& c : created) ids.push_back(c.id);
  EXPECT_EQ(run(instances.terminate_batch("pipeline", ids)).status, "ok");
  // The job takes about 130 ms at real time: a second one meanwhile is refused politely.
  EXPECT_EQ(run(instances.terminate_status("pipeline")).status, "running");
  EXPECT_EQ(run(instances.terminate_batch("pipeline", ids)).status, "already_running");
  for (int i = 0; i < 200 && run(instances.terminate_status("pipeline")).status == "running"; ++i) {
    asio::steady_timer t(io, 10ms);
    t.wait();
  }
  EXPECT_EQ(run(instances.terminate_status("pipeline")).status, "not_running");
  for (const auto& id : ids) EXPECT_TRUE(run(instances.get("pipeline", id)).status == cf::instance_status::terminated);
}

TEST_F(Cloudflare, RetentionExpiresFinishedInstances) {
  deploy("echo", "echo");
  cf::instance_create c(bj::object{{"x", 1}});
  c.instance_retention = cf::retention{std::nullopt, bj::value(1), {}};  // success kept 1 ms
  auto created = run(instances.create("echo", c));
  for (int i = 0; i < 200; ++i) {
    try {
      run(instances.get("echo", created.id));
    } catch (const flowsdk::error& e) {
      EXPECT_EQ(e.code(), errc::not_found);
      return;
    }
    asio::steady_timer t(io, 5ms);
    t.wait();
  }
  ADD_FAILURE() << "the instance was never expired";
}

TEST_F(Cloudflare, VersionsGraphAndDag) {
  deploy("pipeline", "pipeline");
  deploy("pipeline", "pipeline");  // a second version
  auto listed = all(versions.list("pipeline"));
  ASSERT_EQ(listed.size(), 2u);
  auto one = run(versions.get("pipeline", listed[0].id));
  EXPECT_EQ(one.id, listed[0].id);
  auto graph = run(versions.graph("pipeline", listed[0].id));
  ASSERT_TRUE(graph.graph);
  ASSERT_FALSE(graph.graph->workflow.nodes.empty());
  std::set<std::string> kinds;
  for (const auto& n : graph.graph->workflow.nodes) kinds.insert(n.type);
  EXPECT_TRUE(kinds.count("step_do"));
  EXPECT_TRUE(kinds.count("step_wait_for_event"));
  EXPECT_FALSE(run(versions.dag("pipeline", listed[0].id)).dag);
  expect_error(versions.get("pipeline", "00000000-0000-4000-8000-000000000000"), errc::not_found);
}

TEST_F(Cloudflare, CredentialsAreChecked) {
  auto o = options();
  o.credentials = cf::credentials::api_key("emulator@example.com", "cf_emulator_key");
  cf::client with_key(io.get_executor(), o);
  EXPECT_EQ(run(with_key.workflows().get_workflow("echo-workflow")).name, "echo-workflow");
  o.credentials = cf::credentials::api_token("wrong-token-value");
  cf::client wrong(io.get_executor(), o);
  auto e = expect_error(wrong.workflows().get_workflow("echo-workflow"), errc::unauthorized);
  EXPECT_EQ(e.details().vendor_code, "10000");
  EXPECT_EQ(std::string(e.what()).find("wrong-token-value"), std::string::npos);
}

TEST_F(Cloudflare, WalksThousandsOfInstancesOnePageAtATime) {
  deploy("bulk", "echo");
  for (int b = 0; b < 30; ++b) {
    std::vector<cf::instance_create> batch(100);
    run(instances.create_batch("bulk", batch));
  }
  cf::list_instances_params p;
  p.per_page = 100;
  auto walk = instances.list("bulk", p);
  std::set<std::string> seen;
  std::size_t largest_page = 0;
  auto pages = [&]() -> asio::awaitable<void> {
    while (auto page = co_await walk.next_page()) {
      largest_page = std::max(largest_page, page->items.size());
      for (auto& i : page->items) seen.insert(std::move(i.id));
    }
  };
  run(pages());
  EXPECT_EQ(seen.size(), 3000u);
  EXPECT_EQ(walk.pages_fetched(), 30u);
  EXPECT_LE(largest_page, 100u);  // the paginator never holds more than one page

  cf::list_instances_params by_page;
  by_page.mode = cf::pagination_mode::page;
  by_page.per_page = 100;
  by_page.direction = "asc";
  EXPECT_EQ(all(instances.list("bulk", by_page)).size(), 3000u);
}
