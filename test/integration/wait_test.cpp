// Waiting for work to finish against the emulator over TLS (docs/waiting.md): Imbrace runs end on
// the emulator's clock after run_duration, Cloudflare instances step through their scripts.
#include "flowsdk/cloudflare/client.hpp"
#include "flowsdk/flowsdk.hpp"

#include "support/emulated.hpp"

#include <boost/json/parse.hpp>

using flowsdk::errc;
namespace asio = boost::asio;
namespace im = flowsdk::imbrace;
namespace cf = flowsdk::cloudflare;
namespace bj = boost::json;
using namespace std::chrono_literals;

namespace {

// Polls often: the emulator finishes runs in tens of milliseconds.
flowsdk::wait_options quick(std::chrono::milliseconds timeout = 20s) {
  flowsdk::wait_options o;
  o.initial_interval = 10ms;
  o.max_interval = 50ms;
  o.timeout = timeout;
  return o;
}

class ImbraceWait : public flowsdk::test::emulated_test {
 protected:
  explicit ImbraceWait(flowsdk::emulator::server_options o = flowsdk::test::quick_emulator())
      : emulated_test(std::move(o)) {}

  // Triggers `flow_id` and returns the run it started: the flow's newest run, since the engine's
  // answer names no run (docs/imbrace.md, "Waiting for a run"); nothing else triggers it here.
  asio::awaitable<std::string> trigger(std::string flow_id) {
    bj::object payload{{"name", "Ada"}};
    co_await wf.trigger_flow(flow_id, payload);
    im::list_runs_params p;
    p.flow_id = flow_id;
    p.limit = 1;
    auto runs = wf.list_runs(p);
    auto newest = co_await runs.next();
    if (!newest) throw std::runtime_error("flow " + flow_id + " has no runs");
    co_return newest->id;
  }

  asio::awaitable<im::flow_run> trigger_and_wait(std::string flow_id) {
    std::string id = co_await trigger(std::move(flow_id));
    co_return co_await wf.wait_for_run(id, quick());
  }
};

TEST_F(ImbraceWait, AWaitReturnsTheRunAsItEnded) {
  im::flow_run done = run(trigger_and_wait(emu->seed().imbrace.echo_flow_id));
  EXPECT_EQ(done.status, im::flow_run_status::succeeded);
  EXPECT_EQ(done.flow_id, emu->seed().imbrace.echo_flow_id);
  EXPECT_TRUE(done.finish_time) << "a finished run has its finish time";
}

TEST_F(ImbraceWait, AFailedRunEndsTheWaitWithItsFailedStep) {
  im::flow_spec spec("Fails", im::flow_trigger::webhook());
  spec.steps.emplace_back(
      im::flow_action::code("boom", "Boom", "export const code = async () => { throw new Error('x'); };"));
  spec.publish = true;
  im::flow flow = run(wf.build_flow(spec));
  im::flow_run failed = run(trigger_and_wait(flow.id));
  EXPECT_EQ(failed.status, im::flow_run_status::failed);
  ASSERT_TRUE(failed.failed_step);
  EXPECT_FALSE(failed.failed_step->name.empty());
}

TEST_F(ImbraceWait, AnUnknownRunFailsAtOnce) {
  const auto started = std::chrono::steady_clock::now();
  expect_error(wf.wait_for_run("no-such-run", quick()), errc::not_found);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
}

flowsdk::emulator::server_options endless_runs() {
  auto o = flowsdk::test::quick_emulator();
  o.imbrace.run_duration = std::chrono::hours(1);
  return o;
}

class ImbraceWaitForEndlessRuns : public ImbraceWait {
 protected:
  ImbraceWaitForEndlessRuns() : ImbraceWait(endless_runs()) {}
};

TEST_F(ImbraceWaitForEndlessRuns, TheTimeoutNamesTheLastStatusAndTheRunGoesOn) {
  const std::string id = run(trigger(emu->seed().imbrace.echo_flow_id));
  const auto started = std::chrono::steady_clock::now();
  auto e = expect_error(wf.wait_for_run(id, quick(300ms)), errc::timeout);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
  const std::string what = e.what();
  EXPECT_NE(what.find("GET /activepieces/v1/flow-runs/" + id), std::string::npos) << what;
  EXPECT_NE(what.find("last seen: RUNNING"), std::string::npos) << what;
  EXPECT_EQ(run(wf.get_run(id)).status, im::flow_run_status::running);
}

flowsdk::emulator::server_options cf_quick() {
  auto o = flowsdk::test::quick_emulator();
  o.cloudflare.time_scale = 0.05;
  return o;
}

class CloudflareWait : public flowsdk::test::emulated_test {
 protected:
  CloudflareWait() : emulated_test(cf_quick()) {}

  cf::client cf_client{io.get_executor(), emu.cloudflare_options()};
  cf::instances instances = cf_client.instances();

  std::string start(const std::string& script, bj::value params = bj::object()) {
    run(cf_client.workflows().put_workflow(script, cf::workflow_put("Workflow", script)));
    cf::instance_create c(std::move(params));
    return run(instances.create(script, c)).id;
  }

  // The status set named before the co_await: g++ 12 rejects a braced list inside one
  // (docs/coroutine-hazards.md, 5).
  asio::awaitable<cf::instance_details> until_waiting(std::string id) {
    std::vector<cf::instance_status> until{cf::instance_status::waiting};
    co_return co_await instances.wait_for_instance("pipeline", id, quick(), until);
  }
};

TEST_F(CloudflareWait, AWaitStopsAtAStatusAskedForThenAtTheEnd) {
  const std::string id = start("pipeline", bj::parse(R"({"sleep_ms":20,"timeout_ms":60000})"));
  cf::instance_details waiting = run(until_waiting(id));
  EXPECT_EQ(waiting.status, cf::instance_status::waiting);
  run(instances.send_event("pipeline", id, "approval", bj::object{{"amount", 7}}));
  cf::instance_details done = run(instances.wait_for_instance("pipeline", id, quick()));
  EXPECT_EQ(done.status, cf::instance_status::complete);
  EXPECT_EQ(done.output.at("charged"), 7);
  EXPECT_TRUE(done.steps.empty()) << "polled with simple=true";
}

TEST_F(CloudflareWait, AnErroredInstanceEndsTheWait) {
  const std::string id = start("failing");
  EXPECT_EQ(run(instances.wait_for_instance("failing", id, quick())).status, cf::instance_status::errored);
}

TEST_F(CloudflareWait, TheTimeoutNamesTheLastStatus) {
  const std::string id = start("pipeline", bj::parse(R"({"sleep_ms":1,"timeout_ms":600000})"));
  auto e = expect_error(instances.wait_for_instance("pipeline", id, quick(300ms)), errc::timeout);
  const std::string what = e.what();
  EXPECT_NE(what.find("instance \"" + id + "\" did not reach a final status within 300 ms"), std::string::npos) << what;
  EXPECT_NE(what.find("last seen: waiting"), std::string::npos) << what;
  expect_error(instances.wait_for_instance("pipeline", "no-such-instance", quick()), errc::not_found);
}

}  // namespace
