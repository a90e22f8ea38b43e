// Run progress of the 10ex client against scripted streams and responses: the typed event
// catalogue, resumption without loss or duplicates, the polling fallback and wait_for_run
// (docs/tenex.md, "Run progress").
#include "flowsdk/tenex/client.hpp"

#include "flowsdk/testing/fake_network.hpp"
#include "support/run.hpp"
#include "support/tenex_unit.hpp"
#include "support/tenex_routes.hpp"

#include <boost/asio/steady_timer.hpp>
#include <gtest/gtest.h>

#include <optional>

using flowsdk::errc;
namespace kit = flowsdk::testing;
namespace tenex = flowsdk::tenex;
namespace http = flowsdk::http;
using namespace std::chrono_literals;

namespace {

// Streams for open() (push_stream), whole responses for send() (push), every request recorded
// in order.
std::shared_ptr<kit::fake_network> scripted_net() {
  auto n = std::make_shared<kit::fake_network>();
  n->set_default(kit::reply::status(500, R"({"detail":"unscripted","code":"x"})"));
  n->set_stream_default(kit::reply::failure(errc::connect_failed, false, "the script has ended"));
  return n;
}

std::string frame(int id, const std::string& event, const std::string& data) {
  return "id: " + std::to_string(id) + "\nevent: " + event + "\ndata: " + data + "\n\n";
}

std::string run_json(const std::string& status, const std::string& extra = "") {
  return R"({"id":"run_1","workflow_id":"wf_1","version":1,"status":")" + status +
         R"(","trigger":{"type":"manual"},"input":{"lead_id":"l1"},"created_at":"2026-11-22T10:00:00Z")" + extra + "}";
}

std::string event_data(int seq, const std::string& rest) {
  return R"({"run_id":"run_1","seq":)" + std::to_string(seq) + R"(,"at":"2026-11-22T10:00:0)" +
         std::to_string(seq % 10) + R"(Z")" + (rest.empty() ? "" : "," + rest) + "}";
}

class TenexProgress : public ::testing::Test {
 protected:
  std::shared_ptr<kit::fake_network> net = scripted_net();
  std::vector<std::chrono::milliseconds> sleeps;
  bool real_sleep = false;
  tenex::client client = make();

  tenex::client make() {
    tenex::client_options o = flowsdk::test::tenex_unit_options();
    o.transport.retry.max_retries = 0;
    o.transport.sleep = [this](std::chrono::milliseconds d) -> boost::asio::awaitable<void> {
      sleeps.push_back(d);
      if (real_sleep) {
        boost::asio::steady_timer t(co_await boost::asio::this_coro::executor, d);
        co_await t.async_wait(boost::asio::use_awaitable);
      }
    };
    return flowsdk::test::tenex_client_over(net, o);
  }

  void stream(std::vector<std::string> pieces, std::optional<errc> then_fail = std::nullopt) {
    auto s = kit::reply::events(std::move(pieces));
    if (then_fail) s.then_fail(*then_fail);
    net->push_stream(std::move(s));
  }
  void reply(unsigned status, std::string body) { net->push(kit::reply::status(status, std::move(body))); }

  std::vector<tenex::run_event> drain(tenex::run_watch w) { return flowsdk::test::collect(std::move(w)); }

  static std::vector<std::string> kinds(const std::vector<tenex::run_event>& events) {
    std::vector<std::string> out;
    for (const auto& e : events) out.push_back(e.kind.value() + "#" + std::to_string(e.seq));
    return out;
  }

  void expect_all_valid() {
    for (const auto& r : net->requests()) EXPECT_EQ(flowsdk::test::validate_tenex_request(r), "") << r.target;
  }
};

TEST_F(TenexProgress, EventsAreTypedPerTheCatalogueAndUnknownOnesSkipped) {
  stream(
      {"retry: 3000\n\n", frame(0, "run.snapshot", event_data(0, R"("run":)" + run_json("queued") + R"(,"steps":[])")),
       frame(1, "run.status", event_data(1, R"("status":"running","previous_status":"queued")")),
       frame(2, "step.started", event_data(2, R"("step_id":"enrich","type":"agent","attempt":1)")),
       frame(3, "step.progress", event_data(3, R"("step_id":"enrich","attempt":1,"delta":"tok")")),
       frame(4, "run.annotated", event_data(4, R"("note":"from a newer server")")),
       frame(5, "step.retrying",
             event_data(
                 5, R"("step_id":"enrich","attempt":1,"error":{"code":"boom","message":"m"},"next_attempt_at":"t")")),
       frame(6, "step.completed", event_data(6, R"("step_id":"enrich","status":"succeeded","output":{"score":87})")),
       frame(7, "run.succeeded", event_data(7, R"("output":{"score":87})"))});
  auto stream = client.runs().events("run_1");
  auto all = flowsdk::test::collect(std::move(stream));
  ASSERT_EQ(kinds(all), (std::vector<std::string>{"run.snapshot#0", "run.status#1", "step.started#2", "step.progress#3",
                                                  "step.retrying#5", "step.completed#6", "run.succeeded#7"}));
  ASSERT_TRUE(all[0].run);
  EXPECT_EQ(all[0].run->status, tenex::run_status::queued);
  EXPECT_EQ(all[1].status, tenex::run_status::running);
  EXPECT_EQ(all[1].previous_status, tenex::run_status::queued);
  EXPECT_EQ(all[2].step_type, tenex::step_type::agent);
  EXPECT_EQ(all[2].attempt, 1);
  EXPECT_EQ(all[3].delta, boost::json::value("tok"));
  ASSERT_TRUE(all[4].error);
  EXPECT_EQ(all[4].error->code, "boom");
  EXPECT_EQ(all[4].next_attempt_at, "t");
  EXPECT_EQ(all[5].step_outcome, tenex::step_status::succeeded);
  EXPECT_FALSE(all[5].status);
  EXPECT_EQ(all[5].output.at("score"), 87);
  EXPECT_TRUE(all[6].is_terminal());
  EXPECT_EQ(all[6].data.at("run_id"), "run_1");
  ASSERT_EQ(net->requests().size(), 1u);
  EXPECT_EQ(net->requests()[0].target, "/api/v1/flows/runs/run_1/events");
  expect_all_valid();
}

TEST_F(TenexProgress, AnEventWhoseDataIsNotItsJsonIsADecodeError) {
  stream({frame(1, "run.status", R"({"run_id":"run_1","seq":"one"})")});
  auto w = client.runs().watch("run_1");
  try {
    drain(w);
    ADD_FAILURE() << "expected a decode error";
  } catch (const flowsdk::error& e) {
    EXPECT_EQ(e.code(), errc::decode_error);
    EXPECT_NE(std::string(e.what()).find("run.status"), std::string::npos) << e.what();
  }
}

TEST_F(TenexProgress, WatchResumesAfterADropWithNothingLostOrDoubled) {
  stream({frame(0, "run.snapshot", event_data(0, R"("run":)" + run_json("queued") + R"(,"steps":[])")),
          frame(1, "run.status", event_data(1, R"("status":"running","previous_status":"queued")")),
          frame(2, "step.started", event_data(2, R"("step_id":"a","type":"agent","attempt":1)")),
          // Cut inside the next frame: event 3 is incomplete and must come again.
          "id: 3\nevent: step.comp"},
         errc::connection_lost);
  // The server replays 2 although Last-Event-ID said 2: the watch does not hand it out twice.
  stream({frame(2, "step.started", event_data(2, R"("step_id":"a","type":"agent","attempt":1)")),
          frame(3, "step.completed", event_data(3, R"("step_id":"a","status":"succeeded","output":{})")),
          frame(4, "run.succeeded", event_data(4, R"("output":{})"))});
  auto w = client.runs().watch("run_1");
  auto all = drain(w);
  EXPECT_EQ(kinds(all), (std::vector<std::string>{"run.snapshot#0", "run.status#1", "step.started#2",
                                                  "step.completed#3", "run.succeeded#4"}));
  EXPECT_EQ(net->header_values("Last-Event-ID"), (std::vector<std::string>{"", "2"}));
  EXPECT_FALSE(w.polling());
  EXPECT_EQ(w.last_seq(), 4);
  expect_all_valid();
}

TEST_F(TenexProgress, WatchPollsWhenTheServerWillNotStream) {
  net->push_stream(kit::reply::stream(200, {{"Content-Type", "application/json"}}, {run_json("running")}));
  const std::string running_step =
      R"({"items":[{"step_id":"a","type":"agent","status":"running","attempt":1,"started_at":"t1"}],"next_cursor":null})";
  const std::string done_steps =
      R"({"items":[{"step_id":"a","type":"agent","status":"succeeded","attempt":1,"started_at":"t1","finished_at":"t2","output":{"x":1}},)"
      R"({"step_id":"b","type":"connector_action","status":"succeeded","attempt":1,"started_at":"t3","finished_at":"t4"}],"next_cursor":null})";
  reply(200, run_json("running"));
  reply(200, running_step);
  reply(200, run_json("running"));  // nothing changed: the next wait doubles
  reply(200, running_step);
  reply(200, run_json("succeeded", R"(,"output":{"x":1},"finished_at":"t5")"));
  reply(200, done_steps);
  auto w = client.runs().watch("run_1");
  auto all = drain(w);
  EXPECT_TRUE(w.polling());
  EXPECT_EQ(kinds(all), (std::vector<std::string>{"run.snapshot#0", "step.completed#0", "step.started#0",
                                                  "step.completed#0", "run.succeeded#0"}));
  for (const auto& e : all) EXPECT_TRUE(e.synthesized);
  ASSERT_TRUE(all[0].run);
  EXPECT_EQ(all[0].steps.size(), 1u);
  EXPECT_EQ(all[1].step_id, "a");
  EXPECT_EQ(all[1].output.at("x"), 1);
  EXPECT_EQ(all[2].step_id, "b");
  EXPECT_EQ(all[4].output.at("x"), 1);
  // Backoff between polls: 1 s, doubled when nothing changed.
  EXPECT_EQ(sleeps, (std::vector<std::chrono::milliseconds>{1000ms, 2000ms}));
  expect_all_valid();
}

TEST_F(TenexProgress, WatchFallsBackAfterTheStreamKeepsDropping) {
  for (int i = 0; i < 4; ++i) stream({": keepalive\n\n"}, errc::connection_lost);
  reply(200, run_json("cancelled", R"(,"finished_at":"t9")"));
  reply(200, R"({"items":[],"next_cursor":null})");
  auto w = client.runs().watch("run_1");
  auto all = drain(w);
  EXPECT_TRUE(w.polling());
  EXPECT_EQ(kinds(all), (std::vector<std::string>{"run.snapshot#0", "run.cancelled#0"}));
  EXPECT_EQ(net->pending_streams(), 0u);
}

TEST_F(TenexProgress, WatchEndsOnAnErrorAboutTheRequestItself) {
  net->push_stream(kit::reply::stream(404, {{"Content-Type", "application/json"}},
                                      {R"({"detail":"run not found","code":"not_found"})"}));
  auto w = client.runs().watch("run_x");
  try {
    drain(w);
    ADD_FAILURE() << "expected not_found";
  } catch (const flowsdk::error& e) {
    EXPECT_EQ(e.code(), errc::not_found);
    EXPECT_EQ(e.details().vendor_code, "not_found");
  }
  EXPECT_FALSE(w.polling());
  EXPECT_EQ(net->pending(), 0u);
}

TEST_F(TenexProgress, WatchWithoutStreamPollsFromTheStart) {
  reply(200, run_json("failed", R"(,"error":{"code":"agent_failed","message":"m","step_id":"a"})"));
  reply(200, R"({"items":[],"next_cursor":null})");
  tenex::watch_options o;
  o.use_stream = false;
  auto all = drain(client.runs().watch("run_1", o));
  ASSERT_EQ(kinds(all), (std::vector<std::string>{"run.snapshot#0", "run.failed#0"}));
  ASSERT_TRUE(all[1].error);
  EXPECT_EQ(all[1].error->step_id, "a");
  EXPECT_EQ(net->pending_streams(), 0u);
}

TEST_F(TenexProgress, InvalidRunIdFailsBeforeAnyRequest) {
  EXPECT_THROW(client.runs().watch(""), flowsdk::error);
  EXPECT_THROW(client.runs().events(""), flowsdk::error);
  EXPECT_TRUE(net->requests().empty());
}

TEST_F(TenexProgress, WaitForRunReturnsTheRunAsItEnded) {
  stream({frame(0, "run.snapshot", event_data(0, R"("run":)" + run_json("running") + R"(,"steps":[])")),
          frame(1, "run.succeeded", event_data(1, R"("output":{"ok":true})"))});
  reply(200, run_json("succeeded", R"(,"output":{"ok":true})"));
  tenex::run r = flowsdk::test::run(client.runs().wait_for_run("run_1", 5000ms));
  EXPECT_EQ(r.status, tenex::run_status::succeeded);
  EXPECT_EQ(r.output.at("ok"), true);
  ASSERT_EQ(net->requests().size(), 2u);
  EXPECT_EQ(net->requests()[1].target, "/api/v1/flows/runs/run_1");
  expect_all_valid();
}

TEST_F(TenexProgress, WaitForRunReportsAFailureAtOnceNotAtTheTimeout) {
  real_sleep = true;
  net->push_stream(kit::reply::stream(404, {{"Content-Type", "application/json"}},
                                      {R"({"detail":"run not found","code":"not_found"})"}));
  const auto started = std::chrono::steady_clock::now();
  try {
    flowsdk::test::run(client.runs().wait_for_run("run_x", 30s));
    ADD_FAILURE() << "expected not_found";
  } catch (const flowsdk::error& e) {
    EXPECT_EQ(e.code(), errc::not_found) << e.what();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);  // not held until the 30 s timer
}

TEST_F(TenexProgress, WaitForRunTimesOutWhileTheRunGoesOn) {
  real_sleep = true;
  for (int i = 0; i < 200; ++i) {
    reply(200, run_json("running"));
    reply(200, R"({"items":[],"next_cursor":null})");
  }
  tenex::watch_options o;
  o.use_stream = false;
  o.poll_initial = 10ms;
  o.poll_max = 10ms;
  const auto started = std::chrono::steady_clock::now();
  try {
    flowsdk::test::run(client.runs().wait_for_run("run_1", 150ms, o));
    ADD_FAILURE() << "expected a timeout";
  } catch (const flowsdk::error& e) {
    EXPECT_EQ(e.code(), errc::timeout) << e.what();
    EXPECT_EQ(e.details().target, "/api/v1/flows/runs/run_1");
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
  EXPECT_GT(net->requests().size(), 2u);
}

}  // namespace
