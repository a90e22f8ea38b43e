// Every method of the Imbrace slice against the emulator over TLS, with an error path each.
#include "flowsdk/flowsdk.hpp"

#include "support/emulated.hpp"
#include "support/flow_ops.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/json/parse.hpp>

#include <set>
#include <thread>

using flowsdk::errc;
using flowsdk::paginator;
namespace emulator = flowsdk::emulator;
using namespace std::chrono_literals;
namespace asio = boost::asio;
namespace im = flowsdk::imbrace;
namespace json = boost::json;

namespace {

class ImbraceWorkflows : public flowsdk::test::emulated_test {
 protected:
  // Drains a paginator, returning every item in order.
  template <class T>
  asio::awaitable<std::vector<T>> all(paginator<T> p) {
    std::vector<T> out;
    while (auto item = co_await p.next()) out.push_back(std::move(*item));
    co_return out;
  }

  // Creates and publishes a webhook flow with the given steps after the trigger.
  asio::awaitable<im::flow> published_flow(std::string name, std::vector<json::object> steps) {
    auto flow = co_await wf.create_flow(im::create_flow_request(std::move(name)));
    co_await wf.apply_flow_operation(flow.id, flowsdk::test::webhook_trigger_op());
    for (auto& step : steps) co_await wf.apply_flow_operation(flow.id, std::move(step));
    co_return co_await wf.apply_flow_operation(flow.id, flowsdk::test::publish_op());
  }

  // Polls get_run until the run is terminal (bounded: the emulator finishes runs in 50 ms).
  asio::awaitable<im::flow_run> finished(std::string run_id) {
    for (int i = 0; i < 200; ++i) {
      auto run = co_await wf.get_run(run_id);
      if (run.status.is_terminal()) co_return run;
      asio::steady_timer t(co_await asio::this_coro::executor, 10ms);
      co_await t.async_wait(asio::use_awaitable);
    }
    throw std::runtime_error("run " + run_id + " did not finish");
  }

  // The newest run of a flow.
  asio::awaitable<im::flow_run> newest_run_of(std::string flow_id) {
    im::list_runs_params p;
    p.flow_id = flow_id;
    p.limit = 1;
    auto runs = wf.list_runs(p);
    auto run = co_await runs.next();
    if (!run) throw std::runtime_error("flow " + flow_id + " has no runs");
    co_return std::move(*run);
  }
};

}  // namespace

TEST_F(ImbraceWorkflows, GetFlowReturnsTheSeededFlow) {
  auto flow = run(wf.get_flow(emu->seed().imbrace.echo_flow_id));
  EXPECT_EQ(flow.id, emu->seed().imbrace.echo_flow_id);
  EXPECT_EQ(flow.project_id, emu->seed().imbrace.project_id);
  EXPECT_TRUE(flow.status == im::flow_status::enabled);
  EXPECT_TRUE(flow.published_version_id.has_value());
  EXPECT_EQ(flow.version.state, "LOCKED");
  EXPECT_EQ(flow.id.size(), 21u);

  auto e = expect_error(wf.get_flow("doesNotExist000000000"), errc::not_found);
  EXPECT_EQ(e.details().vendor_code, "ENTITY_NOT_FOUND");
  EXPECT_EQ(e.details().http_status, 404u);
  EXPECT_FALSE(e.details().request_id.empty());
}

TEST_F(ImbraceWorkflows, CreateListAndDeleteAFlow) {
  auto created = run(wf.create_flow(im::create_flow_request("Integration flow")));
  EXPECT_TRUE(created.status == im::flow_status::disabled);
  EXPECT_EQ(created.version.display_name, "Integration flow");
  EXPECT_EQ(created.version.state, "DRAFT");
  EXPECT_EQ(created.version.trigger.at("type").as_string(), "EMPTY");

  auto flows = run(all(wf.list_flows()));
  std::set<std::string> ids;
  for (const auto& f : flows) ids.insert(f.id);
  EXPECT_TRUE(ids.count(created.id));
  EXPECT_EQ(flows.front().id, created.id);  // newest first

  run(wf.delete_flow(created.id));
  expect_error(wf.get_flow(created.id), errc::not_found);
  expect_error(wf.delete_flow(created.id), errc::not_found);
  expect_error(wf.create_flow(im::create_flow_request("")), errc::invalid_argument);
}

TEST_F(ImbraceWorkflows, ListFlowsFiltersByStatusAndPagesWithLimits) {
  for (int i = 0; i < 5; ++i) run(wf.create_flow(im::create_flow_request("Paged " + std::to_string(i))));
  im::list_flows_params enabled;
  enabled.status = im::flow_status::enabled;
  for (const auto& f : run(all(wf.list_flows(enabled)))) EXPECT_TRUE(f.status == im::flow_status::enabled) << f.id;

  im::list_flows_params disabled;
  disabled.status = im::flow_status::disabled;
  disabled.limit = 2;
  auto p = wf.list_flows(disabled);
  auto items = run(all(std::move(p)));
  EXPECT_GE(items.size(), 6u);  // five new ones plus the seeded disabled flow
  std::set<std::string> unique;
  for (const auto& f : items) unique.insert(f.id);
  EXPECT_EQ(unique.size(), items.size());

  im::list_flows_params bad;
  bad.limit = 1000;
  auto too_many = wf.list_flows(bad);
  auto e = expect_error(too_many.next(), errc::bad_request);
  EXPECT_EQ(e.details().vendor_code, "FST_ERR_VALIDATION");
}

TEST_F(ImbraceWorkflows, ListRunsWalksEverySeededRunExactlyOnce) {
  im::list_runs_params p;
  p.limit = 7;
  auto runs = wf.list_runs(p);
  std::set<std::string> seen;
  std::string previous_created = "9999";
  std::size_t pages = 0;
  auto walk = [&]() -> asio::awaitable<void> {
    while (auto page = co_await runs.next_page()) {
      ++pages;
      EXPECT_LE(page->items.size(), 7u);
      for (const auto& r : page->items) {
        EXPECT_TRUE(seen.insert(r.id).second) << "run seen twice: " << r.id;
        EXPECT_LE(r.created, previous_created);  // newest first
        previous_created = r.created;
        EXPECT_FALSE(r.steps) << "lists carry no steps";
      }
    }
  };
  run(walk());
  EXPECT_EQ(seen.size(), emu->seed().imbrace.run_count);
  EXPECT_EQ(pages, (emu->seed().imbrace.run_count + 6) / 7);
  EXPECT_TRUE(runs.done());

  im::list_runs_params garbled;
  garbled.cursor = "not-a-cursor";
  auto bad = wf.list_runs(garbled);
  EXPECT_EQ(expect_error(bad.next(), errc::bad_request).details().vendor_code, "FST_ERR_VALIDATION");
}

TEST_F(ImbraceWorkflows, ListRunsFilters) {
  im::list_runs_params failed;
  failed.status = im::flow_run_status::failed;
  auto failures = run(all(wf.list_runs(failed)));
  ASSERT_FALSE(failures.empty());
  for (const auto& r : failures) EXPECT_TRUE(r.status == im::flow_run_status::failed);

  im::list_runs_params by_flow;
  by_flow.flow_id = emu->seed().imbrace.echo_flow_id;
  for (const auto& r : run(all(wf.list_runs(by_flow)))) EXPECT_EQ(r.flow_id, emu->seed().imbrace.echo_flow_id);

  im::list_runs_params future;
  future.created_after = "2999-01-01T00:00:00.000Z";
  EXPECT_TRUE(run(all(wf.list_runs(future))).empty());

  im::list_runs_params project;
  project.project_id = emu->seed().imbrace.project_id;
  EXPECT_EQ(run(all(wf.list_runs(project))).size(), emu->seed().imbrace.run_count);
}

TEST_F(ImbraceWorkflows, GetRunIncludesSteps) {
  auto listed = run(all(wf.list_runs()));
  ASSERT_FALSE(listed.empty());
  auto one = run(wf.get_run(listed.front().id));
  EXPECT_EQ(one.id, listed.front().id);
  EXPECT_TRUE(one.steps.has_value());
  EXPECT_TRUE(one.status.is_terminal());
  expect_error(wf.get_run("missingRun00000000000"), errc::not_found);
  expect_error(wf.get_run(""), errc::invalid_argument);
}

TEST_F(ImbraceWorkflows, PublishedFlowRunsWhenTriggeredAndAnswersSynchronously) {
  std::vector<json::object> steps;
  steps.push_back(flowsdk::test::piece_step_op(
      "step_1", "trigger", json::object{{"status", 201}, {"body", {{"hello", "{{trigger.body.name}}"}}}}));
  auto flow = run(published_flow("Greeter", std::move(steps)));
  EXPECT_TRUE(flow.status == im::flow_status::enabled);
  ASSERT_TRUE(flow.published_version_id);

  auto answer = run(wf.trigger_flow_sync(flow.id, json::object{{"name", "Ada"}}));
  EXPECT_EQ(answer.status, 201u);
  ASSERT_TRUE(answer.json);
  EXPECT_EQ(*answer.json, json::parse(R"({"hello":"Ada"})"));
  EXPECT_FALSE(answer.webhook_id.empty());
  EXPECT_FALSE(answer.no_response());

  auto queued = run(wf.trigger_flow(flow.id, json::object{{"name", "Bob"}}));
  EXPECT_FALSE(queued.webhook_id.empty());
  EXPECT_EQ(queued.body, json::object());
  auto newest = run(newest_run_of(flow.id));
  auto done = run(finished(newest.id));
  EXPECT_TRUE(done.status == im::flow_run_status::succeeded);
  EXPECT_TRUE(done.finish_time.has_value());
  ASSERT_TRUE(done.steps);
  EXPECT_TRUE(done.steps->contains("step_1"));
}

TEST_F(ImbraceWorkflows, AFlowWhoseCodeThrowsFails) {
  std::vector<json::object> steps;
  steps.push_back(
      flowsdk::test::code_step_op("step_1", "trigger", "export const code = async () => { throw new Error('x'); }"));
  auto flow = run(published_flow("Thrower", std::move(steps)));
  run(wf.trigger_flow(flow.id));
  auto done = run(finished(run(newest_run_of(flow.id)).id));
  EXPECT_TRUE(done.status == im::flow_run_status::failed);
  ASSERT_TRUE(done.failed_step);
  EXPECT_EQ(done.failed_step->name, "step_1");
}

TEST_F(ImbraceWorkflows, SyncTriggerWithoutAResponseStepAnswers204) {
  auto flow = run(published_flow("Silent", {}));
  auto answer = run(wf.trigger_flow_sync(flow.id));
  EXPECT_TRUE(answer.no_response());
  EXPECT_TRUE(answer.body.empty());
  EXPECT_FALSE(answer.json);
}

TEST_F(ImbraceWorkflows, TriggeringADisabledOrMissingFlowFails) {
  expect_error(wf.trigger_flow(emu->seed().imbrace.disabled_flow_id), errc::not_found);
  expect_error(wf.trigger_flow("missingFlow0000000000"), errc::gone);
  expect_error(wf.trigger_flow_sync(emu->seed().imbrace.disabled_flow_id), errc::not_found);
}

TEST_F(ImbraceWorkflows, FlowOperationsEditTheDraft) {
  auto flow = run(wf.create_flow(im::create_flow_request("Before")));
  auto renamed = run(
      wf.apply_flow_operation(flow.id, json::object{{"type", "CHANGE_NAME"}, {"request", {{"displayName", "After"}}}}));
  EXPECT_EQ(renamed.version.display_name, "After");
  auto e = expect_error(
      wf.apply_flow_operation(flow.id, json::object{{"type", "NOT_AN_OPERATION"}, {"request", json::object()}}),
      errc::bad_request);
  EXPECT_EQ(e.details().vendor_code, "FST_ERR_VALIDATION");
  expect_error(wf.apply_flow_operation(flow.id, json::object{{"request", json::object()}}), errc::invalid_argument);
  auto disabled = run(
      wf.apply_flow_operation(flow.id, json::object{{"type", "CHANGE_STATUS"}, {"request", {{"status", "DISABLED"}}}}));
  EXPECT_TRUE(disabled.status == im::flow_status::disabled);
}

// ---- credentials ----------------------------------------------------------------------------

TEST_F(ImbraceWorkflows, EveryCredentialModeAuthenticates) {
  const auto& opts = emu->seed();
  struct mode {
    const char* name;
    im::credentials creds;
    const char* header;
  };
  std::vector<mode> modes = {
      {"api key", im::credentials::api_key("api_emulator_key"), "x-api-key"},
      {"jwt", im::credentials::jwt("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJlbXVsYXRvciJ9.c2lnbmF0dXJl", "org_1"),
       "authorization"},
      {"access token", im::credentials::access_token("acc_emulator_token"), "x-access-token"},
  };
  for (auto& m : modes) {
    auto o = flowsdk::test::imbrace_options_for(emu.get());
    o.credentials = m.creds;
    auto c = make_client(o);
    emu->clear_recorded_requests();
    auto flow = run(c.workflows().get_flow(opts.imbrace.echo_flow_id));
    EXPECT_EQ(flow.id, opts.imbrace.echo_flow_id) << m.name;
    auto recorded = emu->recorded_requests();
    ASSERT_EQ(recorded.size(), 1u);
    bool found = false;
    for (const auto& [k, v] : recorded[0].headers) found |= k == m.header;
    EXPECT_TRUE(found) << m.name;
  }
}

TEST_F(ImbraceWorkflows, BadOrMissingCredentialsAreUnauthorized) {
  auto o = flowsdk::test::imbrace_options_for(emu.get());
  o.credentials = im::credentials::api_key("api_wrong_secret_123");
  auto wrong = make_client(o);
  auto e = expect_error(wrong.workflows().get_flow(emu->seed().imbrace.echo_flow_id), errc::unauthorized);
  EXPECT_EQ(e.details().vendor_code, "AUTHENTICATION");
  EXPECT_EQ(e.details().attempts, 1);  // never retried
  EXPECT_EQ(std::string(e.what()).find("api_wrong_secret_123"), std::string::npos);

  o.credentials = im::credentials();
  auto none = make_client(o);
  expect_error(none.workflows().get_run("anything"), errc::unauthorized);
  // Webhooks need no credentials.
  auto answer = run(none.workflows().trigger_flow_sync(emu->seed().imbrace.echo_flow_id, json::object{{"x", 1}}));
  EXPECT_EQ(answer.status, 200u);
  EXPECT_EQ(*answer.json, json::parse(R"({"x":1})"));
}

// ---- plain HTTP -----------------------------------------------------------------------------

class ImbracePlainHttp : public flowsdk::test::emulated_test {
 protected:
  static emulator::server_options plain() {
    auto o = flowsdk::test::quick_emulator();
    o.tls = false;
    return o;
  }
  ImbracePlainHttp() : emulated_test(plain()) {}
};

TEST_F(ImbracePlainHttp, WorksWithoutTls) {
  ASSERT_EQ(emu->base_url().rfind("http://", 0), 0u);
  auto o = flowsdk::test::imbrace_options_for(emu.get());
  auto c = make_client(o);
  auto flow = run(c.workflows().get_flow(emu->seed().imbrace.echo_flow_id));
  EXPECT_EQ(flow.id, emu->seed().imbrace.echo_flow_id);
}

// ---- the project lookup of create_flow / build_flow keeps its failure's code ----------------

TEST_F(ImbraceWorkflows, AProjectLookupWithAWrongKeyStaysUnauthorized) {
  auto o = flowsdk::test::imbrace_options_for(emu.get());
  o.credentials = im::credentials::api_key("not-the-emulator-key");
  auto c = make_client(o);
  auto e = expect_error(c.workflows().create_flow(im::create_flow_request("Lookup")), errc::unauthorized);
  EXPECT_EQ(e.http_status(), 401u);
  EXPECT_EQ(e.details().target, "/activepieces/v1/users/projects/current");
  EXPECT_EQ(e.details().cause.rfind("looking up the project for create_flow", 0), 0u) << e.details().cause;
  EXPECT_NE(std::string(e.what()).find(": looking up the project for create_flow"), std::string::npos) << e.what();

  auto b =
      expect_error(c.workflows().build_flow(im::flow_spec("Lookup", im::flow_trigger::webhook())), errc::unauthorized);
  EXPECT_EQ(b.details().cause.rfind("looking up the project for build_flow", 0), 0u) << b.details().cause;
}

TEST_F(ImbraceWorkflows, AProjectLookupOfADeadServerIsAConnectFailure) {
  std::uint16_t port;
  {
    asio::ip::tcp::acceptor a(io, {asio::ip::make_address("127.0.0.1"), 0});
    port = a.local_endpoint().port();
  }
  auto o = flowsdk::test::imbrace_options_for(emu.get());
  o.gateway = "https://127.0.0.1:" + std::to_string(port);
  o.transport.retry.initial_backoff = 1ms;
  auto c = make_client(o);
  auto e = expect_error(c.workflows().create_flow(im::create_flow_request("Lookup")), errc::connect_failed);
  EXPECT_EQ(e.http_status(), 0u);
  const auto& cause = e.details().cause;
  EXPECT_EQ(
      cause.rfind("looking up the project for create_flow: connect to 127.0.0.1:" + std::to_string(port) + ": ", 0), 0u)
      << cause;
}

TEST_F(ImbraceWorkflows, AProjectLookupThatGoesWellStillCreatesTheFlow) {
  auto c = make_client(flowsdk::test::imbrace_options_for(emu.get()));
  auto flow = run(c.workflows().create_flow(im::create_flow_request("Looked up")));
  EXPECT_EQ(flow.project_id, emu->seed().imbrace.project_id);
}

// ---- a walk's deadline and its cancellation (docs/pagination.md) ------------------------------

TEST_F(ImbraceWorkflows, ATimeoutAppliesPerPageAndADeadlineToTheWholeWalk) {
  im::list_runs_params p;
  p.limit = 2;
  flowsdk::request_options per_page;
  per_page.timeout = 300ms;
  auto runs = wf.list_runs(p, per_page);
  ASSERT_TRUE(run(runs.next_page()).has_value());
  std::this_thread::sleep_for(400ms);  // longer than the timeout: each page gets its own
  EXPECT_TRUE(run(runs.next_page()).has_value());

  flowsdk::request_options whole;
  whole.deadline = std::chrono::steady_clock::now() + 300ms;
  auto bounded = wf.list_runs(p, whole);
  ASSERT_TRUE(run(bounded.next_page()).has_value());
  std::this_thread::sleep_for(400ms);  // past the walk's one absolute end
  const auto before = emu->recorded_requests().size();
  auto e = expect_error(bounded.next_page(), errc::timeout);
  EXPECT_EQ(e.details().attempts, 0);  // not sent
  EXPECT_EQ(emu->recorded_requests().size(), before);
  EXPECT_EQ(bounded.pages_fetched(), 1u);
}

TEST_F(ImbraceWorkflows, ACancelledWalkCanBeResumed) {
  im::list_runs_params p;
  p.limit = 2;
  auto runs = wf.list_runs(p);
  auto first = run(runs.next_page());
  ASSERT_TRUE(first.has_value());

  emulator::fault_rule stall;
  stall.method = "GET";
  stall.path_prefix = "/activepieces/v1/flow-runs";
  stall.what.kind = emulator::fault_kind::stall;
  stall.times = 1;
  emu->inject(stall);
  asio::cancellation_signal cancel;
  std::exception_ptr outcome;
  bool done = false;
  asio::co_spawn(io, runs.next_page(), asio::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr e, auto) {
                   outcome = e;
                   done = true;
                 }));
  asio::steady_timer t(io, 200ms);
  t.async_wait([&](auto) { cancel.emit(asio::cancellation_type::terminal); });
  io.restart();
  io.run_for(10s);
  ASSERT_TRUE(done);
  ASSERT_TRUE(outcome);
  try {
    std::rethrow_exception(outcome);
  } catch (const flowsdk::error& e) {
    EXPECT_EQ(e.code(), errc::cancelled) << e.what();
  }
  EXPECT_EQ(client.pool_stats().in_use, 0u);
  EXPECT_EQ(runs.pages_fetched(), 1u);  // the cancelled page was not consumed

  // The same paginator asks for the same page again.
  auto second = run(runs.next_page());
  ASSERT_TRUE(second.has_value());
  ASSERT_FALSE(second->items.empty());
  EXPECT_NE(second->items.front().id, first->items.front().id);
  EXPECT_EQ(runs.pages_fetched(), 2u);
}
