// A user's unit and integration tests of their own code with flowsdk::testing: a fake network
// that answers from models and fails attempts on cue, and the in-process emulator.
#include <flowsdk/flowsdk.hpp>
#include <flowsdk/testing/emulator_fixture.hpp>
#include <flowsdk/testing/fake_network.hpp>
#include <flowsdk/testing/make_client.hpp>
#include <flowsdk/testing/run.hpp>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace asio = boost::asio;
namespace im = flowsdk::imbrace;
namespace kit = flowsdk::testing;

// The code under test: a line about a run for an on-call page.
asio::awaitable<std::string> describe_run(im::client client, std::string run_id) {
  im::flow_run run = co_await client.workflows().get_run(run_id);
  if (run.status == im::flow_run_status::failed && run.failed_step) co_return "failed at " + run.failed_step->name;
  co_return run.status.value();
}

im::client_options test_options() {
  im::client_options o;
  o.gateway = "https://gateway.test";  // never dialled: the fake network answers
  o.credentials = im::credentials::api_key("test_key");
  return o;
}

TEST(DescribeRun, NamesTheFailedStepAfterARetriedReset) {
  auto net = std::make_shared<kit::fake_network>();
  im::flow_run run;
  run.id = "r1";
  run.status = im::flow_run_status::failed;
  run.failed_step.emplace().name = "send_email";
  net->fail_attempt(1, kit::reply::reset());  // the first attempt's connection is reset
  net->push(kit::reply::model(run));          // the retry gets the run, encoded as the API does

  auto client = kit::make_client(net, test_options());
  EXPECT_EQ(kit::run(describe_run(client, "r1")), "failed at send_email");

  ASSERT_EQ(net->requests().size(), 2u);  // a GET is retried after a reset
  EXPECT_EQ(net->last_request().method, boost::beast::http::verb::get);
  EXPECT_EQ(net->last_request().path(), "/activepieces/v1/flow-runs/r1");
  EXPECT_EQ(net->last_request().header("x-api-key"), "test_key");
  EXPECT_EQ(net->backoffs().size(), 1u);  // recorded, not slept
}

TEST(DescribeRun, AMissingRunIsATypedError) {
  auto net = std::make_shared<kit::fake_network>();
  net->push(kit::reply::status(404, R"({"code":"ENTITY_NOT_FOUND","params":{"message":"no run r9"}})"));
  auto client = kit::make_client(net, test_options());
  try {
    kit::run(describe_run(client, "r9"));
    FAIL() << "expected flowsdk::error";
  } catch (const flowsdk::error& e) {
    EXPECT_EQ(e.code(), flowsdk::errc::not_found);
    EXPECT_EQ(e.details().vendor_code, "ENTITY_NOT_FOUND");
  }
}

// Against the emulator: real TLS on loopback, one emulator per test.
class DescribeRunLive : public ::testing::Test {
 protected:
  kit::emulator_fixture emu;
  asio::io_context io;
  im::client client{io.get_executor(), emu.imbrace_options()};
};

TEST_F(DescribeRunLive, ARunOfTheSeedFlowThroughAnInjected503) {
  auto wf = client.workflows();
  const std::string flow = emu->seed().imbrace.echo_flow_id;
  kit::run(io, wf.trigger_flow(flow));
  emu->advance(std::chrono::seconds(1));  // the emulator's clock: the run finishes

  im::list_runs_params of_flow;
  of_flow.flow_id = flow;
  auto runs = wf.list_runs(of_flow);  // newest first
  auto newest = kit::run(io, runs.next());
  ASSERT_TRUE(newest);

  flowsdk::emulator::fault_rule unavailable;  // the next read of the run gets a 503
  unavailable.method = "GET";
  unavailable.path_prefix = "/activepieces/v1/flow-runs/" + newest->id;
  emu->inject(unavailable);
  EXPECT_EQ(kit::run(io, describe_run(client, newest->id)), "SUCCEEDED");
  EXPECT_EQ(emu->stats().faults_injected, 1u);
}
