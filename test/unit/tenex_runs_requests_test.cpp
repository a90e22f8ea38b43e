// Every request of tenex::runs (except the progress stream) and tenex::triggers, checked
// against the route table of docs/tenex.md (test/support/tenex_routes.hpp), with the bodies,
// the Idempotency-Key rules, the retries and the three error shapes of 10ex.
#include "flowsdk/tenex/client.hpp"

#include "flowsdk/testing/fake_network.hpp"
#include "support/tenex_unit.hpp"
#include "support/run.hpp"
#include "support/tenex_routes.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <functional>

using flowsdk::errc;
using flowsdk::http::verb;
namespace kit = flowsdk::testing;
using flowsdk::test::header_of;
namespace tx = flowsdk::tenex;
namespace bj = boost::json;

namespace {

// The sample bodies of docs/tenex.md ("Data models").
constexpr const char* queued_run =
    R"({"id":"run_1","workflow_id":"wf_1","version":3,"status":"queued","trigger":{"type":"manual"},)"
    R"("input":{"lead_id":"lead_9"},"output":null,"error":null,"current_step_id":null,)"
    R"("created_at":"2026-11-22T10:15:00Z","started_at":null,"finished_at":null})";

constexpr const char* webhook_trigger =
    R"({"id":"trg_1","workflow_id":null,"source":"crm","event_type":"lead.created","filter":{"segment_id":"seg_1"},)"
    R"("target_type":"webhook","target_url":"https://hooks.example.com/in","enabled":true,)"
    R"("created_at":"2026-11-20T08:00:00Z","updated_at":"2026-11-21T08:00:00Z"})";

std::string run_with_status(const std::string& status) {
  return R"({"id":"run_1","workflow_id":"wf_1","version":1,"status":")" + status +
         R"(","trigger":{"type":"manual"},"input":{},"created_at":"2026-11-22T10:15:00Z"})";
}

class TenexRequests : public ::testing::Test {
 protected:
  std::shared_ptr<kit::fake_network> net = std::make_shared<kit::fake_network>();
  tx::client client = make();

  tx::client make() {
    return flowsdk::test::tenex_client_over(net, flowsdk::test::tenex_unit_options("tnx_ab12_secret"));
  }

  template <class T>
  T run(boost::asio::awaitable<T> a) {
    return flowsdk::test::run(std::move(a));
  }
  void run(boost::asio::awaitable<void> a) { flowsdk::test::run(std::move(a)); }

  void reply(unsigned status, std::string body) { net->push(kit::reply::status(status, std::move(body))); }
  void reset() { net->push(kit::reply::failure(errc::connection_lost, true)); }
  const flowsdk::http::request& last() const { return net->requests().back(); }
  bj::value last_body() const { return bj::parse(last().body); }

  // The error `f` throws (a test failure if it throws none).
  flowsdk::error failure_of(const std::function<void()>& f) {
    try {
      f();
    } catch (const flowsdk::error& e) {
      return e;
    }
    ADD_FAILURE() << "no flowsdk::error thrown";
    return flowsdk::error(errc::invalid_argument, {});
  }

  // Every request sent so far must be a route of the table, with its query keys, body and headers.
  void expect_all_valid() {
    for (const auto& r : net->requests()) {
      EXPECT_EQ(flowsdk::test::validate_tenex_request(r), "")
          << boost::beast::http::to_string(r.method) << " " << r.target << " " << r.body;
    }
  }
};

class TenexRuns : public TenexRequests {};
class TenexTriggers : public TenexRequests {};

}  // namespace

// ---- runs ------------------------------------------------------------------------------------

TEST_F(TenexRuns, EveryMethodFitsTheRouteTable) {
  auto runs = client.runs();
  reply(202, queued_run);
  tx::run_request req(bj::object{{"lead_id", "lead_9"}});
  req.version = 3;
  auto started = run(runs.trigger("wf 1", req));
  EXPECT_EQ(started.id, "run_1");
  EXPECT_EQ(last().method, verb::post);
  EXPECT_EQ(last().target, "/api/v1/flows/workflows/wf%201/runs");
  EXPECT_EQ(last_body(), bj::parse(R"({"input":{"lead_id":"lead_9"},"version":3})"));

  reply(200, std::string(R"({"items":[)") + queued_run + R"(],"next_cursor":null,"total":1})");
  auto list = runs.list();
  auto first = run(list.next());
  ASSERT_TRUE(first);
  EXPECT_EQ(first->workflow_id, "wf_1");
  EXPECT_FALSE(run(list.next()));
  EXPECT_EQ(list.total(), 1);
  EXPECT_EQ(last().target, "/api/v1/flows/runs");

  reply(200, queued_run);
  EXPECT_EQ(run(runs.get("run_1")).status, tx::run_status::queued);
  EXPECT_EQ(last().target, "/api/v1/flows/runs/run_1");

  reply(202, run_with_status("pausing"));
  EXPECT_EQ(run(runs.pause("run_1")).status, tx::run_status::pausing);
  EXPECT_EQ(last().target, "/api/v1/flows/runs/run_1/pause");
  reply(202, run_with_status("queued"));
  EXPECT_EQ(run(runs.resume("run_1")).status, tx::run_status::queued);
  EXPECT_EQ(last().target, "/api/v1/flows/runs/run_1/resume");
  reply(202, run_with_status("cancelling"));
  EXPECT_EQ(run(runs.cancel("run_1")).status, tx::run_status::cancelling);
  EXPECT_EQ(last().target, "/api/v1/flows/runs/run_1/cancel");
  for (std::size_t i = net->requests().size() - 3; i < net->requests().size(); ++i) {
    EXPECT_TRUE(net->requests()[i].body.empty());
    EXPECT_EQ(header_of(net->requests()[i], "idempotency-key"), "");  // retried by declaration, not by key
  }

  reply(200, R"({"items":[{"step_id":"enrich","type":"agent","status":"succeeded","attempt":1},)"
             R"({"step_id":"route","type":"branch","status":"running","attempt":1}],"next_cursor":null})");
  auto steps = runs.steps("run_1", 2);
  auto page = run(steps.next_page());
  ASSERT_TRUE(page);
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].step_id, "enrich");  // oldest first, as sent
  EXPECT_EQ(page->items[1].type, tx::step_type::branch);
  EXPECT_FALSE(steps.total());  // no total in that page
  EXPECT_EQ(last().target, "/api/v1/flows/runs/run_1/steps?limit=2");

  reply(200, R"({"step_id":"enrich","type":"agent","status":"failed","attempt":2,"output":{"score":87},)"
             R"("error":{"code":"agent_timeout","message":"took too long"},"agent_run_id":"ar_5"})");
  auto s = run(runs.step("run_1", "enrich", 2));
  EXPECT_EQ(s.attempt, 2);
  ASSERT_TRUE(s.error);
  EXPECT_EQ(s.error->code, "agent_timeout");
  EXPECT_EQ(s.agent_run_id, "ar_5");
  EXPECT_EQ(last().target, "/api/v1/flows/runs/run_1/steps/enrich?attempt=2");
  reply(200, R"({"step_id":"a/b","type":"wait","status":"waiting","attempt":1})");
  run(runs.step("run_1", "a/b"));
  EXPECT_EQ(last().target, "/api/v1/flows/runs/run_1/steps/a%2Fb");

  EXPECT_EQ(net->requests().size(), 9u);
  for (const auto& r : net->requests()) EXPECT_EQ(header_of(r, "authorization"), "Bearer tnx_ab12_secret");
  expect_all_valid();
}

TEST_F(TenexRuns, TriggerTakesAPlainInputLikeTheMcpTool) {
  reply(202, queued_run);
  bj::object payload{{"lead_id", "lead_9"}};
  auto r = run(client.runs().trigger("wf_1", payload));
  EXPECT_EQ(r.input.at("lead_id"), "lead_9");
  EXPECT_EQ(last_body(), bj::parse(R"({"input":{"lead_id":"lead_9"}})"));  // no version: the active one
  reply(202, queued_run);
  run(client.runs().trigger("wf_1", tx::run_request()));
  EXPECT_EQ(last_body(), bj::parse(R"({"input":{}})"));  // input is required, even empty
  expect_all_valid();
}

TEST_F(TenexRuns, ListSendsEveryFilterAndEncodesTheCursor) {
  tx::list_runs_params p;
  p.workflow_id = "wf_1";
  p.statuses = {tx::run_status::queued, tx::run_status::running, tx::run_status("brand_new")};
  p.trigger_type = tx::trigger_type::crm_event;
  p.trigger_id = "trg_1";
  p.created_after = "2026-11-22T10:00:00+01:00";
  p.created_before = "2026-11-23T00:00:00Z";
  p.limit = 200;
  reply(200, std::string(R"({"items":[)") + queued_run + R"(],"next_cursor":"eyJh+Yi8=","total":2})");
  reply(200, R"({"items":[],"next_cursor":null})");
  auto list = client.runs().list(p);
  auto page = run(list.next_page());
  ASSERT_TRUE(page);
  EXPECT_EQ(list.total(), 2);
  EXPECT_EQ(net->requests()[0].target,
            "/api/v1/flows/runs?workflow_id=wf_1&status=queued&status=running&status=brand_new&trigger_type=crm_event"
            "&trigger_id=trg_1&created_after=2026-11-22T10%3A00%3A00%2B01%3A00"
            "&created_before=2026-11-23T00%3A00%3A00Z&limit=200");
  EXPECT_TRUE(run(list.next_page()));  // an empty last page
  EXPECT_FALSE(run(list.next_page()));
  ASSERT_EQ(net->requests().size(), 2u);
  // The same filters, and the cursor with its '+' and '=' percent-encoded.
  EXPECT_EQ(net->requests()[1].target, net->requests()[0].target + "&cursor=eyJh%2BYi8%3D");
  expect_all_valid();
}

TEST_F(TenexRuns, TimestampIsUtcWithZ) {
  using namespace std::chrono;
  const sys_seconds t = sys_days(year(2026) / 11 / 22) + hours(10) + minutes(15) + seconds(2);
  EXPECT_EQ(tx::list_runs_params::timestamp(t), "2026-11-22T10:15:02Z");
  EXPECT_EQ(tx::list_runs_params::timestamp(t + milliseconds(500)), "2026-11-22T10:15:02.5Z");
  EXPECT_EQ(tx::list_runs_params::timestamp(t + microseconds(123456)), "2026-11-22T10:15:02.123456Z");
  EXPECT_EQ(tx::list_runs_params::timestamp(system_clock::time_point(sys_days(year(1969) / 12 / 31)) + hours(23) +
                                            minutes(59) + seconds(59) + milliseconds(250)),
            "1969-12-31T23:59:59.25Z");

  tx::list_runs_params p;
  p.created_after = tx::list_runs_params::timestamp(t);
  reply(200, R"({"items":[],"next_cursor":null})");
  auto list = client.runs().list(p);
  EXPECT_FALSE(run(list.next()));
  EXPECT_EQ(last().target, "/api/v1/flows/runs?created_after=2026-11-22T10%3A15%3A02Z");
  expect_all_valid();
}

TEST_F(TenexRuns, DecodesSampleBodiesLeniently) {
  // Unknown keys land in extra, an unknown status is kept, null and missing read alike.
  reply(200,
        R"({"id":"run_2","workflow_id":"wf_1","version":2,"status":"throttled","priority":"high",)"
        R"("trigger":{"type":"crm_event","source":"hubspot","trigger_id":"trg_1","event_id":"evt_7","actor":"u1"},)"
        R"("input":{"lead_id":"lead_9"},"output":{"score":87},)"
        R"("error":{"code":"agent_failed","message":"boom","step_id":"enrich","retryable":false},)"
        R"("current_step_id":"enrich","created_at":"2026-11-22T10:15:00Z","started_at":"2026-11-22T10:15:01.5Z"})");
  auto r = run(client.runs().get("run_2"));
  EXPECT_EQ(r.status, "throttled");
  EXPECT_FALSE(r.status.is_terminal());
  EXPECT_EQ(r.version, 2);
  EXPECT_EQ(r.extra.at("priority"), "high");
  EXPECT_EQ(r.trigger.type, tx::trigger_type::crm_event);
  EXPECT_EQ(r.trigger.source, "hubspot");
  EXPECT_EQ(r.trigger.trigger_id, "trg_1");
  EXPECT_EQ(r.trigger.event_id, "evt_7");
  EXPECT_EQ(r.trigger.extra.at("actor"), "u1");
  EXPECT_EQ(r.output, bj::parse(R"({"score":87})"));
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->step_id, "enrich");
  EXPECT_EQ(r.error->extra.at("retryable"), false);
  EXPECT_EQ(r.current_step_id, "enrich");
  EXPECT_EQ(r.started_at, "2026-11-22T10:15:01.5Z");
  EXPECT_FALSE(r.finished_at);  // missing

  reply(200, queued_run);  // every optional sent as null
  auto q = run(client.runs().get("run_1"));
  EXPECT_TRUE(q.output.is_null());
  EXPECT_FALSE(q.error);
  EXPECT_FALSE(q.current_step_id);
  EXPECT_FALSE(q.started_at);
  EXPECT_FALSE(q.trigger.source);
  EXPECT_TRUE(q.extra.empty());

  reply(200, R"({"step_id":"s","type":"llm_call","status":"paused_by_operator","attempt":1,"input":null,)"
             R"("branch_taken":null,"cost_usd":0.02})");
  auto s = run(client.runs().step("run_1", "s"));
  EXPECT_EQ(s.type, "llm_call");
  EXPECT_EQ(s.status, "paused_by_operator");
  EXPECT_TRUE(s.input.is_null());
  EXPECT_TRUE(s.output.is_null());
  EXPECT_FALSE(s.branch_taken);
  EXPECT_EQ(s.extra.at("cost_usd"), 0.02);

  EXPECT_TRUE(tx::run_status::succeeded.is_terminal());
  EXPECT_TRUE(tx::run_status::failed.is_terminal());
  EXPECT_TRUE(tx::run_status::cancelled.is_terminal());
  EXPECT_FALSE(tx::run_status::cancelling.is_terminal());
  EXPECT_FALSE(tx::run_status::paused.is_terminal());

  reply(200, R"({"id":"run_3","status":7})");  // a wrong type is a decode error naming the key
  auto e = failure_of([&] { run(client.runs().get("run_3")); });
  EXPECT_EQ(e.code(), errc::decode_error);
  EXPECT_NE(std::string(e.what()).find("status"), std::string::npos) << e.what();
  expect_all_valid();
}

TEST_F(TenexRuns, TriggerKeepsOneIdempotencyKeyAcrossEveryRetry) {
  reply(503, R"({"detail":"upstream down","code":"upstream_unavailable"})");
  reply(429, R"({"error":"rate_limited","message":"slow down"})");
  reset();  // the POST may have reached the server: only the key makes a resend safe
  reply(202, queued_run);
  auto r = run(client.runs().trigger("wf_1", bj::object{{"lead_id", "lead_9"}}));
  EXPECT_EQ(r.id, "run_1");
  ASSERT_EQ(net->requests().size(), 4u);
  const std::string key = header_of(net->requests()[0], "idempotency-key");
  EXPECT_EQ(key.size(), 36u);  // a UUID
  for (const auto& req : net->requests()) {
    EXPECT_EQ(header_of(req, "idempotency-key"), key);
    EXPECT_EQ(req.body, net->requests()[0].body);
  }

  // A second logical call is a second run: a new key.
  reply(202, queued_run);
  run(client.runs().trigger("wf_1", bj::object{{"lead_id", "lead_9"}}));
  const std::string second = header_of(last(), "idempotency-key");
  EXPECT_EQ(second.size(), 36u);
  EXPECT_NE(second, key);
  expect_all_valid();
}

TEST_F(TenexRuns, CallerIdempotencyKeyIsSentAsIs) {
  flowsdk::request_options o;
  o.idempotency_key = "order-7-run";
  reset();
  reply(202, queued_run);
  run(client.runs().trigger("wf_1", bj::object{{"lead_id", "lead_9"}}, o));
  ASSERT_EQ(net->requests().size(), 2u);
  for (const auto& req : net->requests()) {
    EXPECT_EQ(header_of(req, "idempotency-key"), "order-7-run");  // once: a second copy reads as a marker
  }
  expect_all_valid();
}

TEST_F(TenexRuns, PauseResumeAndCancelAreRetriedAfterAReset) {
  auto runs = client.runs();
  reset();
  reply(202, run_with_status("paused"));
  EXPECT_EQ(run(runs.pause("run_1")).status, tx::run_status::paused);
  reset();
  reply(503, R"({"detail":"busy","code":"internal_error"})");
  reply(202, run_with_status("queued"));
  EXPECT_EQ(run(runs.resume("run_1")).status, tx::run_status::queued);
  reset();
  reply(202, run_with_status("cancelled"));
  EXPECT_EQ(run(runs.cancel("run_1")).status, tx::run_status::cancelled);
  ASSERT_EQ(net->requests().size(), 7u);
  EXPECT_EQ(net->requests()[1].target, net->requests()[0].target);
  EXPECT_EQ(net->requests()[4].target, "/api/v1/flows/runs/run_1/resume");
  EXPECT_EQ(net->requests()[6].target, "/api/v1/flows/runs/run_1/cancel");
  expect_all_valid();
}

TEST_F(TenexRuns, ResumeRefusedOnARetryReadsTheRunBack) {
  // The first resume took effect but its answer was lost; the replay finds the run running.
  reset();
  reply(409, R"({"detail":"run is running","code":"invalid_run_state"})");
  reply(200, run_with_status("running"));
  auto r = run(client.runs().resume("run_1"));
  EXPECT_EQ(r.status, tx::run_status::running);
  ASSERT_EQ(net->requests().size(), 3u);
  EXPECT_EQ(net->requests()[2].method, verb::get);
  EXPECT_EQ(net->requests()[2].target, "/api/v1/flows/runs/run_1");

  // Still paused after that: the resume did not happen, and the 409 stands.
  reset();
  reply(409, R"({"detail":"nope","code":"invalid_run_state"})");
  reply(200, run_with_status("paused"));
  auto still = failure_of([&] { run(client.runs().resume("run_1")); });
  EXPECT_EQ(still.code(), errc::conflict);
  EXPECT_EQ(still.details().vendor_code, "invalid_run_state");
  EXPECT_EQ(still.details().target, "/api/v1/flows/runs/run_1/resume");
  EXPECT_EQ(net->requests().size(), 6u);

  // Refused on the first attempt: the caller's mistake, no read-back.
  reply(409, R"({"detail":"run is not paused","code":"invalid_run_state"})");
  auto e = failure_of([&] { run(client.runs().resume("run_1")); });
  EXPECT_EQ(e.code(), errc::conflict);
  EXPECT_EQ(e.details().vendor_message, "run is not paused");
  EXPECT_EQ(net->requests().size(), 7u);
  expect_all_valid();
}

TEST_F(TenexRuns, InvalidRunStateIsAConflictWithItsVendorCode) {
  reply(409, R"({"detail":"run already succeeded","code":"invalid_run_state","request_id":"req_42"})");
  auto e = failure_of([&] { run(client.runs().cancel("run_1")); });
  EXPECT_EQ(e.code(), errc::conflict);
  EXPECT_EQ(e.http_status(), 409u);
  EXPECT_EQ(e.details().vendor_code, "invalid_run_state");
  EXPECT_EQ(e.details().vendor_message, "run already succeeded");
  EXPECT_EQ(e.details().request_id, "req_42");
  EXPECT_EQ(net->requests().size(), 1u);  // a 409 is an answer, not retried

  reply(409, R"({"detail":"workflow is archived","code":"workflow_archived"})");
  auto archived = failure_of([&] { run(client.runs().trigger("wf_1", tx::run_request())); });
  EXPECT_EQ(archived.code(), errc::conflict);
  EXPECT_EQ(archived.details().vendor_code, "workflow_archived");
  EXPECT_EQ(net->requests().size(), 2u);
  expect_all_valid();
}

TEST_F(TenexRuns, ValidationErrorsLocateTheField) {
  reply(422, R"({"detail":[{"loc":["body","input","lead_id"],"msg":"field required","type":"missing"},)"
             R"({"loc":["body","version"],"msg":"must be >= 1","type":"greater_than_equal"}]})");
  auto e = failure_of([&] { run(client.runs().trigger("wf_1", tx::run_request())); });
  EXPECT_EQ(e.code(), errc::unprocessable);
  ASSERT_EQ(e.details().vendor_errors.size(), 2u);
  EXPECT_EQ(e.details().vendor_errors[0].location, (std::vector<std::string>{"body", "input", "lead_id"}));
  EXPECT_EQ(e.details().vendor_errors[0].code, "missing");
  EXPECT_EQ(e.details().vendor_errors[0].message, "field required");
  EXPECT_EQ(e.details().vendor_errors[1].location, (std::vector<std::string>{"body", "version"}));
  EXPECT_EQ(e.details().vendor_code, "missing");
  EXPECT_EQ(net->requests().size(), 1u);  // not retried, even with its key
  expect_all_valid();
}

TEST_F(TenexRuns, NotFoundCarriesDetailAndCode) {
  reply(404, R"({"detail":"run not found","code":"not_found"})");
  auto e = failure_of([&] { run(client.runs().get("run_other_workspace")); });
  EXPECT_EQ(e.code(), errc::not_found);
  EXPECT_EQ(e.details().vendor_code, "not_found");
  EXPECT_EQ(e.details().vendor_message, "run not found");
  EXPECT_EQ(e.details().attempts, 1);
  // The key never appears in an error message.
  EXPECT_EQ(std::string(e.what()).find("tnx_ab12_secret"), std::string::npos) << e.what();
  expect_all_valid();
}

TEST_F(TenexRuns, GetIsRetriedOnServerErrors) {
  reply(502, R"({"detail":"bad gateway","code":"upstream_unavailable"})");
  reset();
  reply(200, queued_run);
  EXPECT_EQ(run(client.runs().get("run_1")).id, "run_1");
  EXPECT_EQ(net->requests().size(), 3u);
  expect_all_valid();
}

TEST_F(TenexRuns, InvalidArgumentsFailBeforeAnyRequest) {
  auto runs = client.runs();
  auto expect_invalid = [&](const std::function<void()>& f) {
    EXPECT_EQ(failure_of(f).code(), errc::invalid_argument);
  };
  expect_invalid([&] { run(runs.trigger("", tx::run_request())); });
  expect_invalid([&] { run(runs.get("")); });
  expect_invalid([&] { run(runs.pause("")); });
  expect_invalid([&] { run(runs.resume("")); });
  expect_invalid([&] { run(runs.cancel("")); });
  expect_invalid([&] { run(runs.step("", "s")); });
  expect_invalid([&] { run(runs.step("run_1", "")); });
  expect_invalid([&] { run(runs.step("run_1", "s", 0)); });
  expect_invalid([&] { run(runs.step("run_1", "s", -1)); });
  expect_invalid([&] { run(runs.steps("").next()); });
  expect_invalid([&] { runs.steps("run_1", 0); });
  expect_invalid([&] { runs.steps("run_1", 201); });
  tx::list_runs_params p;
  p.limit = 0;
  expect_invalid([&] { runs.list(p); });
  p.limit = 201;
  expect_invalid([&] { runs.list(p); });
  EXPECT_TRUE(net->requests().empty());
}

// ---- triggers --------------------------------------------------------------------------------

TEST_F(TenexTriggers, EveryMethodFitsTheRouteTable) {
  auto triggers = client.triggers();
  tx::list_triggers_params lp;
  lp.workflow_id = "wf_1";
  lp.source = tx::trigger_source::crm;
  lp.event_type = "lead.created";
  lp.enabled = false;
  lp.limit = 10;
  reply(200, std::string(R"({"items":[)") + webhook_trigger + R"(],"next_cursor":null})");
  auto list = triggers.list(lp);
  auto first = run(list.next());
  ASSERT_TRUE(first);
  EXPECT_EQ(first->id, "trg_1");
  EXPECT_EQ(last().target,
            "/api/v1/flows/triggers?workflow_id=wf_1&source=crm&event_type=lead.created&enabled=false&limit=10");

  tx::trigger_create c(tx::trigger_source::schedule);
  c.workflow_id = "wf_1";
  c.cron = "0 9 * * 1";
  c.timezone = "Europe/Paris";
  reply(201, webhook_trigger);
  run(triggers.create(c));
  EXPECT_EQ(last().method, verb::post);
  EXPECT_EQ(last().target, "/api/v1/flows/triggers");

  reply(200, webhook_trigger);
  run(triggers.get("trg_1"));
  EXPECT_EQ(last().target, "/api/v1/flows/triggers/trg_1");

  tx::trigger_update u;
  u.enabled = false;
  reply(200, webhook_trigger);
  run(triggers.update("trg_1", u));
  EXPECT_EQ(last().method, verb::patch);
  EXPECT_EQ(last_body(), bj::parse(R"({"enabled":false})"));

  net->push(kit::reply::status(204, ""));
  run(triggers.remove("trg_1"));
  EXPECT_EQ(last().method, verb::delete_);
  EXPECT_EQ(last().target, "/api/v1/flows/triggers/trg_1");

  reply(202, queued_run);
  auto fired = run(triggers.test("trg_1", bj::object{{"data", bj::object{{"lead_id", "lead_9"}}}}));
  EXPECT_EQ(fired.id, "run_1");
  EXPECT_EQ(last().target, "/api/v1/flows/triggers/trg_1/test");

  reply(200, R"({"matched":true,"input":{"lead_id":"lead_9"}})");
  auto match = run(triggers.dry_run("trg_1", bj::object{{"data", bj::object{{"lead_id", "lead_9"}}}}));
  EXPECT_TRUE(match.matched);
  EXPECT_EQ(match.input.at("lead_id"), "lead_9");

  EXPECT_EQ(net->requests().size(), 7u);
  expect_all_valid();
}

TEST_F(TenexTriggers, CreateSendsOnlyWhatIsSet) {
  tx::trigger_create c(tx::trigger_source::crm);
  c.event_type = "lead.created";
  c.filter = bj::object{{"segment_id", "seg_1"}};
  c.input_mapping = bj::object{{"lead_id", "$.data.lead_id"}};
  c.target_type = tx::trigger_target_type::webhook;
  c.target_url = "https://hooks.example.com/in";
  c.extra.emplace("description", "new leads");
  reply(201, webhook_trigger);
  auto t = run(client.triggers().create(c));
  EXPECT_EQ(last_body(), bj::parse(R"({"source":"crm","event_type":"lead.created","filter":{"segment_id":"seg_1"},)"
                                   R"("input_mapping":{"lead_id":"$.data.lead_id"},"target_type":"webhook",)"
                                   R"("target_url":"https://hooks.example.com/in","enabled":true,)"
                                   R"("description":"new leads"})"));
  EXPECT_EQ(t.target_type, tx::trigger_target_type::webhook);

  tx::trigger_create minimal(tx::trigger_source::connector);
  minimal.workflow_id = "wf_1";
  minimal.event_type = "form.submitted";
  minimal.enabled = false;
  reply(201, webhook_trigger);
  run(client.triggers().create(minimal));
  EXPECT_EQ(last_body(), bj::parse(R"({"workflow_id":"wf_1","source":"connector","event_type":"form.submitted",)"
                                   R"("target_type":"workflow","enabled":false})"));
  expect_all_valid();
}

TEST_F(TenexTriggers, UpdateSendsOnlyTheChanges) {
  tx::trigger_update u;
  u.cron = "*/5 * * * *";
  u.filter = bj::object{{"segment_id", "seg_2"}};
  u.target_type = tx::trigger_target_type::workflow;
  reply(200, webhook_trigger);
  run(client.triggers().update("trg 1", u));
  EXPECT_EQ(last().target, "/api/v1/flows/triggers/trg%201");
  EXPECT_EQ(last_body(),
            bj::parse(R"({"cron":"*/5 * * * *","filter":{"segment_id":"seg_2"},"target_type":"workflow"})"));
  // Setting the same values twice is harmless: the PATCH is retried.
  reply(503, R"({"detail":"busy","code":"internal_error"})");
  reply(200, webhook_trigger);
  run(client.triggers().update("trg_1", u));
  EXPECT_EQ(net->requests().size(), 3u);
  expect_all_valid();
}

TEST_F(TenexTriggers, TestAndDryRunBodies) {
  const bj::object event{{"type", "lead.created"}, {"data", bj::object{{"lead_id", "lead_9"}}}};
  reply(202, queued_run);
  run(client.triggers().test("trg_1", event));
  EXPECT_EQ(last_body(), bj::parse(R"({"payload":{"type":"lead.created","data":{"lead_id":"lead_9"}}})"));
  EXPECT_EQ(header_of(last(), "idempotency-key").size(), 36u);

  reply(200, R"({"matched":false,"input":{},"reason":"segment_id differs"})");
  auto m = run(client.triggers().dry_run("trg_1", event));
  EXPECT_EQ(last_body(),
            bj::parse(R"({"payload":{"type":"lead.created","data":{"lead_id":"lead_9"}},"dry_run":true})"));
  EXPECT_FALSE(m.matched);
  EXPECT_TRUE(m.input.empty());
  EXPECT_EQ(m.extra.at("reason"), "segment_id differs");
  EXPECT_NE(header_of(last(), "idempotency-key"), header_of(net->requests()[0], "idempotency-key"));
  expect_all_valid();
}

TEST_F(TenexTriggers, CreateAndTestKeepTheirKeyAcrossRetries) {
  tx::trigger_create c(tx::trigger_source::crm);
  c.workflow_id = "wf_1";
  c.event_type = "lead.created";
  reset();
  reply(429, R"({"error":"rate_limited","message":"slow down"})");
  reply(201, webhook_trigger);
  run(client.triggers().create(c));
  ASSERT_EQ(net->requests().size(), 3u);
  const std::string key = header_of(net->requests()[0], "idempotency-key");
  EXPECT_FALSE(key.empty());
  EXPECT_EQ(header_of(net->requests()[1], "idempotency-key"), key);
  EXPECT_EQ(header_of(net->requests()[2], "idempotency-key"), key);

  reply(503, R"({"detail":"busy","code":"internal_error"})");
  reset();
  reply(202, queued_run);
  run(client.triggers().test("trg_1", bj::object{{"lead_id", "lead_9"}}));
  ASSERT_EQ(net->requests().size(), 6u);
  const std::string test_key = header_of(net->requests()[3], "idempotency-key");
  EXPECT_NE(test_key, key);
  EXPECT_EQ(header_of(net->requests()[4], "idempotency-key"), test_key);
  EXPECT_EQ(header_of(net->requests()[5], "idempotency-key"), test_key);
  expect_all_valid();
}

TEST_F(TenexTriggers, RemoveTreatsA404OnARetryAsDeleted) {
  reset();  // the DELETE may have been applied
  reply(404, R"({"detail":"trigger not found","code":"not_found"})");
  run(client.triggers().remove("trg_1"));
  EXPECT_EQ(net->requests().size(), 2u);

  reply(404, R"({"detail":"trigger not found","code":"not_found"})");
  auto e = failure_of([&] { run(client.triggers().remove("trg_1")); });
  EXPECT_EQ(e.code(), errc::not_found);
  EXPECT_EQ(e.details().vendor_code, "not_found");
  EXPECT_EQ(net->requests().size(), 3u);
  expect_all_valid();
}

TEST_F(TenexTriggers, DecodesExternalTriggersLeniently) {
  reply(200, R"({"id":"trg_2","source":"calendar","event_type":"meeting.booked","target_type":"slack",)"
             R"("enabled":false,"created_at":"a","updated_at":"b","owner":"u1","cron":null})");
  auto t = run(client.triggers().get("trg_2"));
  EXPECT_EQ(t.source, "calendar");
  EXPECT_EQ(t.target_type, "slack");
  EXPECT_FALSE(t.workflow_id);
  EXPECT_FALSE(t.cron);
  EXPECT_FALSE(t.filter);
  EXPECT_FALSE(t.enabled);
  EXPECT_EQ(t.extra.at("owner"), "u1");

  reply(200, webhook_trigger);
  auto w = run(client.triggers().get("trg_1"));
  EXPECT_EQ(w.source, tx::trigger_source::crm);
  EXPECT_FALSE(w.workflow_id);  // null
  EXPECT_EQ(w.target_url, "https://hooks.example.com/in");
  ASSERT_TRUE(w.filter);
  EXPECT_EQ(w.filter->at("segment_id"), "seg_1");
  EXPECT_TRUE(w.enabled);
  EXPECT_TRUE(w.extra.empty());
  expect_all_valid();
}

TEST_F(TenexTriggers, InvalidArgumentsFailBeforeAnyRequest) {
  auto triggers = client.triggers();
  auto expect_invalid = [&](const std::function<void()>& f) {
    EXPECT_EQ(failure_of(f).code(), errc::invalid_argument);
  };
  expect_invalid([&] { run(triggers.get("")); });
  expect_invalid([&] { run(triggers.update("", tx::trigger_update())); });
  expect_invalid([&] { run(triggers.remove("")); });
  expect_invalid([&] { run(triggers.test("", bj::object())); });
  expect_invalid([&] { run(triggers.dry_run("", bj::object())); });
  expect_invalid([&] { run(triggers.create(tx::trigger_create())); });  // no source
  tx::trigger_create no_target(tx::trigger_source::crm);
  no_target.target_type = tx::trigger_target_type();
  expect_invalid([&] { run(triggers.create(no_target)); });
  tx::list_triggers_params p;
  p.limit = 201;
  expect_invalid([&] { triggers.list(p); });
  p.limit = 0;
  expect_invalid([&] { triggers.list(p); });
  EXPECT_TRUE(net->requests().empty());
}
