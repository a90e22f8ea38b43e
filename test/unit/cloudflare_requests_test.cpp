// Every request the Cloudflare client sends, checked against cloudflare-workflows.openapi.json
// (method, path, query and body), plus the envelope, auth and pagination rules of
// https://developers.cloudflare.com/api/resources/workflows/ (see docs/cloudflare.md).
#include "flowsdk/cloudflare/client.hpp"

#include "flowsdk/testing/fake_network.hpp"
#include "support/openapi.hpp"
#include "support/run.hpp"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include <filesystem>

using flowsdk::errc;
using flowsdk::http::verb;
namespace kit = flowsdk::testing;
namespace cf = flowsdk::cloudflare;
namespace bj = boost::json;

namespace {

constexpr const char* version_id = "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e";

std::string ok(const std::string& result, const std::string& result_info = "") {
  return R"({"success":true,"errors":[],"messages":[],"result":)" + result +
         (result_info.empty() ? "" : R"(,"result_info":)" + result_info) + "}";
}

class CloudflareRequests : public ::testing::Test {
 protected:
  std::shared_ptr<kit::fake_network> net = std::make_shared<kit::fake_network>();
  cf::client client = make(cf::credentials::api_token("tok_secret"));
  // The vendor's OpenAPI document for the Workflows API, kept beside the tests.
  flowsdk::test::openapi_document spec{
      (std::filesystem::path(__FILE__).parent_path().parent_path() / "data" / "cloudflare-workflows.openapi.json")
          .string()};

  cf::client make(cf::credentials creds) {
    cf::client_options o;
    o.base_url = "https://api.example.com/client/v4";
    o.account_id = "acc 1";
    o.credentials = std::move(creds);
    o.transport.sleep = [](std::chrono::milliseconds) -> boost::asio::awaitable<void> { co_return; };
    return cf::client(std::make_shared<flowsdk::http::transport>(net, o.transport), o);
  }

  template <class T>
  T run(boost::asio::awaitable<T> a) {
    return flowsdk::test::run(std::move(a));
  }
  void run(boost::asio::awaitable<void> a) { flowsdk::test::run(std::move(a)); }

  void reply(unsigned status, std::string body) { net->push(kit::reply::status(status, std::move(body))); }
  const flowsdk::http::request& last() const { return net->requests().back(); }

  // Every request sent so far must fit the OpenAPI document.
  void expect_all_valid() {
    for (const auto& r : net->requests()) {
      EXPECT_EQ(spec.validate(r, "/client/v4"), "")
          << boost::beast::http::to_string(r.method) << " " << r.target << " " << r.body;
    }
  }
};

}  // namespace

TEST_F(CloudflareRequests, EveryOperationFitsTheOpenApiDocument) {
  auto wf = client.workflows();
  auto in = client.instances();
  auto ver = client.versions();

  reply(200, ok(R"([{"id":"w1","name":"orders","instances":{"complete":2}}])",
                R"({"page":1,"per_page":10,"count":1,"total_count":1,"total_pages":1})"));
  cf::list_workflows_params lw;
  lw.search = "ord";
  lw.per_page = 10;
  auto workflows = wf.list_workflows(lw);
  auto first = run(workflows.next());
  ASSERT_TRUE(first);
  EXPECT_EQ(first->instances.at("complete"), 2);
  EXPECT_FALSE(run(workflows.next()));  // total_pages said 1: no extra request
  EXPECT_EQ(net->requests().size(), 1u);

  reply(200, ok(R"({"id":"w1","name":"orders"})"));
  run(wf.get_workflow("orders"));
  reply(200, ok(R"({"id":"w1","name":"orders","version_id":"v"})"));
  cf::workflow_put put("OrderWorkflow", "orders-worker");
  put.default_retention = cf::retention{bj::value("5 minutes"), bj::value(86400000), {}};
  put.limits = cf::workflow_limits{5, {}};
  put.schedules = std::vector<cf::workflow_schedule_input>{{"*/5 * * * *"}};
  run(wf.put_workflow("orders", put));
  reply(200, ok(R"({"status":"ok","success":true})"));
  run(wf.delete_workflow("orders"));
  reply(200, ok(R"({"default_retention":{"error_retention":1000}})"));
  run(wf.get_settings());
  reply(200, ok(R"({"default_retention":{"error_retention":1000}})"));
  cf::workflow_settings settings;
  settings.default_retention = cf::retention{bj::value(1000), std::nullopt, {}};
  run(wf.update_settings(settings));

  reply(200, ok(R"([{"id":"i1","status":"running"}])", R"({"per_page":1,"count":1,"total_count":2,"cursor":"c2"})"));
  reply(200, ok(R"([{"id":"i2","status":"queued"}])", R"({"per_page":1,"count":1,"total_count":2})"));
  cf::list_instances_params li;
  li.status = cf::instance_status::running;
  li.date_start = "2026-11-01T00:00:00Z";
  li.date_end = "2026-11-30T00:00:00Z";
  li.direction = "asc";
  li.per_page = 1;
  auto instances = in.list("orders", li);
  auto walk = [&]() -> boost::asio::awaitable<int> {
    int n = 0;
    while (auto i = co_await instances.next()) ++n;
    co_return n;
  };
  EXPECT_EQ(run(walk()), 2);
  EXPECT_EQ(last().target.find("&page="), std::string::npos);  // cursor mode never sends page
  EXPECT_EQ(last().target.find("?page="), std::string::npos);
  EXPECT_NE(last().target.find("cursor=c2"), std::string::npos);

  reply(200, ok(R"({"status":"complete","versionId":"v9","params":{},"steps":[],"step_count":0,"queued":"t"})"));
  cf::get_instance_params gi;
  gi.simple = true;
  gi.order = "desc";
  auto details = run(in.get("orders", "i1", gi));
  EXPECT_EQ(details.version_id, "v9");

  reply(200, ok(R"({"id":"i3","status":"queued","version_id":"v","workflow_id":"w"})"));
  cf::instance_create create(bj::object{{"order", 42}});
  create.location_hint = "weur";
  create.instance_retention = cf::retention{std::nullopt, bj::value("1 day"), {}};
  run(in.create("orders", create));
  auto body = bj::parse(last().body);
  EXPECT_EQ(body.at("params"), R"({"order":42})");            // the JSON-encoded string form
  EXPECT_EQ(body.at("instance_id").as_string().size(), 36u);  // a client-chosen UUID

  reply(200, ok(R"([{"id":"a","status":"queued"},{"id":"b","status":"queued"}])"));
  cf::instance_create a, b;
  a.instance_id = "order-a";
  run(in.create_batch("orders", {a, b}));

  reply(200, ok(R"({"status":"complete","error":null,"output":{"total":3}})"));
  cf::step_output_params sp("charge-1");
  sp.attempt = 1;
  auto step = run(in.step("orders", "i1", sp));
  ASSERT_TRUE(step.json);
  EXPECT_EQ(step.json->output.at("total"), 3);
  reply(200, ok(R"({"status":"complete","output":{"ok":true},"event_type":"approval"})"));
  run(in.step("orders", "i1", cf::step_output_params("approval-1", "waitForEvent")));

  for (auto change : {cf::status_change::pause(), cf::status_change::resume(), cf::status_change::terminate(true),
                      cf::status_change::restart(), cf::status_change::restart_from("charge", 1, "do")}) {
    reply(200, ok(R"({"status":"queued","timestamp":"t"})"));
    run(in.change_status("orders", "i1", change));
  }
  reply(200, ok(R"({"instanceId":"i1","timestamp":"t"})"));
  auto ack = run(in.send_event("orders", "i1", "approval", bj::object{{"amount", 10}}));
  EXPECT_EQ(ack.instance_id, "i1");
  reply(200, ok(R"({"instanceId":"i1","timestamp":"t"})"));
  run(in.send_event("orders", "i1", "approval", nullptr));
  EXPECT_EQ(last().body, "{}");
  reply(200, ok(R"({"instanceId":"i1","timestamp":"t"})"));
  run(in.remove("orders", "i1"));
  reply(200, ok(R"({"deleted":[{"id":"i1"}],"errors":[{"id":"x","code":10400,"message":"not found"}]})"));
  auto deleted = run(in.remove_batch("orders", {"i1", "x"}));
  EXPECT_EQ(deleted.errors.at(0).code, 10400);
  reply(200, ok(R"({"instancesTerminated":2,"status":"ok"})"));
  EXPECT_EQ(run(in.terminate_batch("orders", {"i1", "i2"})).instances_terminated, 2);
  EXPECT_EQ(bj::parse(last().body), bj::parse(R"(["i1","i2"])"));
  reply(200, ok(R"({"status":"not_running"})"));
  run(in.terminate_status("orders"));

  reply(200, ok(R"([{"id":"182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e"}])",
                R"({"page":1,"per_page":50,"count":1,"total_count":1})"));
  reply(200, ok("[]", R"({"page":2,"per_page":50,"count":0,"total_count":1})"));
  cf::list_versions_params lv;
  lv.per_page = 50;
  auto versions = ver.list("orders", lv);
  EXPECT_TRUE(run(versions.next()));
  EXPECT_FALSE(run(versions.next()));  // no total_pages: stops at the empty page
  reply(200, ok(R"({"id":"v","has_dag":false,"language":"javascript"})"));
  run(ver.get("orders", version_id));
  reply(
      200,
      ok(R"({"id":"v","graph":{"version":1,"workflow":{"class_name":"C","functions":{"f":{"type":"function_def","name":"f","nodes":[]}},
    "nodes":[{"type":"step_do","name":"a","config":{"retries":{"limit":3,"delay":1000,"backoff":"exponential"},"timeout":"1 minute"},
    "nodes":[{"type":"step_sleep","name":"nap","duration":"1 second"}]},{"type":"parallel","kind":"all","nodes":[]},
    {"type":"brand_new_node","weird":1}]}}})"));
  auto graph = run(ver.graph("orders", version_id));
  ASSERT_TRUE(graph.graph);
  const auto& nodes = graph.graph->workflow.nodes;
  ASSERT_EQ(nodes.size(), 3u);
  EXPECT_EQ(nodes[0].config->retries.limit, 3);
  EXPECT_EQ(nodes[0].nodes.at(0).type, "step_sleep");
  EXPECT_EQ(nodes[1].kind, "parallel" == nodes[1].type ? std::optional<std::string>("all") : std::nullopt);
  EXPECT_EQ(nodes[2].extra.at("weird"), 1);  // an unknown node type is carried, not an error
  EXPECT_EQ(graph.graph->workflow.functions.at("f").type, "function_def");
  reply(200, ok(R"({"id":"v","dag":null})"));
  EXPECT_FALSE(run(ver.dag("orders", version_id)).dag);

  expect_all_valid();
  for (const auto& r : net->requests()) {
    EXPECT_EQ(r.target.rfind("/client/v4/accounts/acc%201/workflows", 0), 0u) << r.target;
    bool bearer = false;
    for (const auto& [k, v] : r.headers) bearer |= k == "authorization" && v == "Bearer tok_secret";
    EXPECT_TRUE(bearer);
  }
}

TEST_F(CloudflareRequests, FailureEnvelopesBecomeTypedErrorsWithEveryVendorError) {
  reply(404, R"({"success":false,"errors":[{"code":10400,"message":"workflows.api.error.instance.not_found"},
    {"code":10001,"message":"second"}],"messages":["x"],"result":null})");
  try {
    run(client.instances().get("orders", "missing"));
    FAIL();
  } catch (const flowsdk::error& e) {
    EXPECT_EQ(e.code(), errc::not_found);
    EXPECT_EQ(e.details().vendor_code, "10400");
    ASSERT_EQ(e.details().vendor_errors.size(), 2u);
    EXPECT_EQ(e.details().vendor_errors[1].message, "second");
    EXPECT_NE(std::string(e.what()).find("and 1 more"), std::string::npos);
    EXPECT_EQ(std::string(e.what()).find("tok_secret"), std::string::npos);
  }
  reply(200, R"({"success":false,"errors":[{"code":7003,"message":"no route"}],"messages":[],"result":null})");
  try {
    run(client.workflows().get_workflow("orders"));
    FAIL();
  } catch (const flowsdk::error& e) {
    EXPECT_EQ(e.code(), errc::api_failure);
    EXPECT_EQ(e.details().vendor_code, "7003");
  }
}

TEST_F(CloudflareRequests, ConflictsAreNotRetriedButCreatesWithAnIdAre) {
  reply(
      409,
      R"({"success":false,"errors":[{"code":10001,"message":"Instance not in a restartable state."}],"messages":[],"result":null})");
  EXPECT_THROW(run(client.instances().change_status("w", "i", cf::status_change::restart())), flowsdk::error);
  EXPECT_EQ(net->requests().size(), 1u);

  // A create whose first attempt got lost: the replay is refused as a duplicate and answered
  // by reading the instance back.
  net->push(kit::reply::failure(errc::connection_lost, true));
  reply(409, R"({"success":false,"errors":[{"code":10001,"message":"duplicate"}],"messages":[],"result":null})");
  reply(200, ok(R"({"status":"running","versionId":"v1","params":{},"trigger":{"source":"api"},"queued":"t"})"));
  cf::instance_create c;
  c.instance_id = "order-7";
  auto created = run(client.instances().create("w", c));
  EXPECT_EQ(created.id, "order-7");
  EXPECT_TRUE(created.status == cf::instance_status::running);
  ASSERT_EQ(net->requests().size(), 4u);
  EXPECT_EQ(net->requests()[3].method, verb::get);
  EXPECT_EQ(net->requests()[3].target, "/client/v4/accounts/acc%201/workflows/w/instances/order-7?simple=true");

  // Pause is retried on a 503; terminate is not.
  reply(503, "{}");
  reply(200, ok(R"({"status":"waitingForPause","timestamp":"t"})"));
  run(client.instances().change_status("w", "i", cf::status_change::pause()));
  reply(503, "{}");
  EXPECT_THROW(run(client.instances().change_status("w", "i", cf::status_change::terminate())), flowsdk::error);
  EXPECT_EQ(net->requests().size(), 7u);
}

TEST_F(CloudflareRequests, ApiKeyCredentialsSendBothHeaders) {
  auto c = make(cf::credentials::api_key("me@example.com", "key_secret"));
  reply(200, ok(R"({"status":"not_running"})"));
  run(c.instances().terminate_status("w"));
  std::map<std::string, std::string> h(last().headers.begin(), last().headers.end());
  EXPECT_EQ(h["x-auth-email"], "me@example.com");
  EXPECT_EQ(h["x-auth-key"], "key_secret");
  EXPECT_FALSE(h.count("authorization"));
  EXPECT_THROW(cf::credentials::api_key("", "k"), flowsdk::error);
  EXPECT_EQ(cf::credentials::api_key("a@b", "key_secret").describe().find("key_secret"), std::string::npos);
}

TEST_F(CloudflareRequests, StepOutputCanBeRawBytes) {
  flowsdk::http::attempt_result r;
  r.response.status = 200;
  r.response.body = std::string("\x00\x01\x02", 3);
  r.response.headers = {{"content-type", "application/octet-stream"}};
  net->push(r);
  auto out = run(client.instances().step("w", "i", cf::step_output_params("blob-1")));
  EXPECT_FALSE(out.json);
  EXPECT_EQ(out.raw.size(), 3u);
  EXPECT_EQ(out.content_type, "application/octet-stream");
}

TEST_F(CloudflareRequests, ACursorWalkFollowsACursorPastAnEmptyPage) {
  reply(200, ok(R"([])", R"({"per_page":2,"count":0,"cursor":"c2"})"));
  reply(200, ok(R"([{"id":"i3","status":"queued"}])", R"({"per_page":2,"count":1})"));
  cf::list_instances_params li;
  li.direction = "asc";
  auto instances = client.instances().list("orders", li);
  auto ids = run([](flowsdk::paginator<cf::instance_summary> p) -> boost::asio::awaitable<std::vector<std::string>> {
    std::vector<std::string> out;
    while (auto i = co_await p.next()) out.push_back(i->id);
    co_return out;
  }(std::move(instances)));
  EXPECT_EQ(ids, std::vector<std::string>{"i3"});
  EXPECT_NE(last().target.find("cursor=c2"), std::string::npos);
}

TEST_F(CloudflareRequests, InvalidInputFailsBeforeAnyRequest) {
  auto in = client.instances();
  EXPECT_THROW(run(in.get("", "i")), flowsdk::error);
  EXPECT_THROW(run(in.get("w", "")), flowsdk::error);
  EXPECT_THROW(run(in.create_batch("w", {})), flowsdk::error);
  EXPECT_THROW(run(in.create_batch("w", std::vector<cf::instance_create>(101))), flowsdk::error);
  EXPECT_THROW(run(in.remove_batch("w", {})), flowsdk::error);
  cf::step_output_params bad("x", "waitForEvent");
  bad.attempt = 1;
  EXPECT_THROW(run(in.step("w", "i", bad)), flowsdk::error);
  EXPECT_THROW(cf::status_change::restart_from(""), flowsdk::error);
  EXPECT_TRUE(net->requests().empty());
  cf::client_options no_account;
  EXPECT_THROW(cf::client(std::make_shared<flowsdk::http::transport>(net), no_account), flowsdk::error);
}

TEST_F(CloudflareRequests, TheValidatorRejectsWhatTheDocumentDoesNot) {
  using flowsdk::http::request;
  auto with_body = [](verb m, std::string target, std::string body) {
    request r(m, std::move(target));
    r.body = std::move(body);
    r.content_type = "application/json";
    return r;
  };
  const std::string base = "/client/v4/accounts/a/workflows";
  EXPECT_EQ(spec.validate(request(verb::get, base + "?page=1"), "/client/v4"), "");
  EXPECT_NE(spec.validate(request(verb::get, base + "?colour=red"), "/client/v4"), "");     // undeclared query
  EXPECT_NE(spec.validate(request(verb::get, base + "?per_page=1000"), "/client/v4"), "");  // above maximum
  EXPECT_NE(spec.validate(request(verb::post, base + "/w"), "/client/v4"), "");             // method not declared
  EXPECT_NE(spec.validate(request(verb::get, base + "/w/versions/not-a-uuid"), "/client/v4"), "");  // format uuid
  EXPECT_NE(spec.validate(with_body(verb::put, base + "/w", R"({"class_name":"C"})"), "/client/v4"), "");  // required
  EXPECT_NE(
      spec.validate(with_body(verb::patch, base + "/w/instances/i/status", R"({"status":"explode"})"), "/client/v4"),
      "");
  EXPECT_EQ(
      spec.validate(with_body(verb::patch, base + "/w/instances/i/status", R"({"status":"pause"})"), "/client/v4"), "");
  EXPECT_NE(spec.validate(request(verb::get, base + "/w/instances/i/step?type=step"), "/client/v4"),
            "");  // name required
}

TEST_F(CloudflareRequests, AnEnvelopeWithoutAResultIsNotADefaultModel) {
  reply(200, R"({"success":true,"errors":[],"messages":[]})");
  try {
    run(client.workflows().get_workflow("orders"));
    FAIL() << "a missing result must not decode into an empty workflow";
  } catch (const flowsdk::error& e) {
    EXPECT_EQ(e.code(), errc::decode_error);
  }
  // Sending an event is documented with an optional result.
  reply(200, R"({"success":true,"errors":[],"messages":[]})");
  EXPECT_NO_THROW(run(client.instances().send_event("w", "i", "approval")));
}

TEST_F(CloudflareRequests, DecodeErrorsNameMethodTargetStatusAndBody) {
  // The envelope's result does not fit the model: the error says which call it was.
  reply(200, ok(R"({"id":"w1","name":42})"));
  try {
    run(client.workflows().get_workflow("orders"));
    FAIL();
  } catch (const flowsdk::error& e) {
    EXPECT_EQ(e.code(), errc::decode_error);
    EXPECT_EQ(e.details().method, "GET");
    EXPECT_EQ(e.details().target, "/client/v4/accounts/acc%201/workflows/orders");
    EXPECT_EQ(e.details().http_status, 200u);
    EXPECT_NE(e.details().body.find("\"name\":42"), std::string::npos);
  }
}

TEST_F(CloudflareRequests, ACreateAndItsReadBackShareOneDeadline) {
  net->push(kit::reply::failure(errc::connection_lost, true));
  reply(409, R"({"success":false,"errors":[{"code":10001,"message":"duplicate"}],"messages":[],"result":null})");
  reply(200, ok(R"({"status":"running","versionId":"v1","params":{},"queued":"t"})"));
  flowsdk::request_options o;
  o.timeout = std::chrono::milliseconds(1500);
  run(client.instances().create("w", cf::instance_create(), o));
  ASSERT_EQ(net->requests().size(), 3u);
  EXPECT_EQ(net->requests()[2].deadline, net->requests()[0].deadline);  // the read-back got no fresh 1.5 s
}
