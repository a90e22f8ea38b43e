// What the Imbrace client puts on the wire, checked against a fake network: routes, methods,
// query names, bodies and credentials, as docs/imbrace.md describes them.
#include "flowsdk/imbrace/client.hpp"

#include "flowsdk/testing/fake_network.hpp"
#include "support/run.hpp"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

using namespace flowsdk;
namespace kit = flowsdk::testing;
namespace im = flowsdk::imbrace;

namespace {

constexpr const char* flow_json = R"({"id":"f1","created":"c","updated":"u","projectId":"p1","externalId":"e",
  "folderId":null,"status":"ENABLED","operationStatus":"NONE","publishedVersionId":"v1",
  "version":{"id":"v1","flowId":"f1","displayName":"Flow","trigger":{"type":"EMPTY"},"valid":true,"state":"LOCKED",
  "connectionIds":[],"agentIds":[]},"metadata":{"k":1}})";

struct fixture {
  std::shared_ptr<kit::fake_network> net = std::make_shared<kit::fake_network>();
  im::client client;

  explicit fixture(im::credentials creds = im::credentials::api_key("api_test"),
                   std::string gateway = "https://gw.example.com")
      : client(make(net, std::move(creds), std::move(gateway))) {}

  static im::client make(std::shared_ptr<kit::fake_network> net, im::credentials creds, std::string gateway) {
    im::client_options o;
    o.gateway = std::move(gateway);
    o.credentials = std::move(creds);
    o.transport.sleep = [](std::chrono::milliseconds) -> boost::asio::awaitable<void> { co_return; };
    return im::client(std::make_shared<http::transport>(net, o.transport), o);
  }

  const http::request& last() const { return net->requests().back(); }
  std::string header(const http::request& r, const std::string& name) const {
    for (const auto& [k, v] : r.headers) {
      if (k == name) return v;
    }
    return "<absent>";
  }
};

}  // namespace

TEST(ImbraceRequests, GetFlowUsesTheEngineBaseAndEncodesTheId) {
  fixture f;
  f.net->push(kit::reply::status(200, flow_json));
  auto flow = flowsdk::test::run(f.client.workflows().get_flow("f 1/x"));
  EXPECT_EQ(f.last().method, http::verb::get);
  EXPECT_EQ(f.last().target, "/activepieces/v1/flows/f%201%2Fx");
  EXPECT_EQ(f.net->last_request().origin.host, "gw.example.com");
  EXPECT_EQ(f.header(f.last(), "x-api-key"), "api_test");
  EXPECT_EQ(f.header(f.last(), "x-organization-id"), "<absent>");
  EXPECT_EQ(flow.id, "f1");
  EXPECT_TRUE(flow.status == im::flow_status::enabled);
  EXPECT_EQ(flow.version.state, "LOCKED");
  EXPECT_TRUE(flow.extra.contains("metadata"));
}

TEST(ImbraceRequests, ServiceOverridesReplaceTheGatewayBase) {
  auto net = std::make_shared<kit::fake_network>();
  im::client_options o;
  o.workflow_engine_url = "http://127.0.0.1:8080/api/";
  im::client c(std::make_shared<http::transport>(net, o.transport), o);
  net->push(kit::reply::status(200, flow_json));
  flowsdk::test::run(c.workflows().get_flow("f1"));
  EXPECT_EQ(net->requests().back().target, "/api/v1/flows/f1");
  EXPECT_FALSE(net->last_request().origin.tls);
  EXPECT_EQ(net->last_request().origin.port, 8080);
}

TEST(ImbraceRequests, ListFlowsSendsOnlyTheFiltersThatAreSetAndFollowsNext) {
  fixture f;
  f.net->push(
      kit::reply::status(200, std::string(R"({"data":[)") + flow_json + R"(],"next":"cur 2","previous":null})"));
  f.net->push(kit::reply::status(200, std::string(R"({"data":[)") + flow_json + R"(],"next":null})"));
  im::list_flows_params p;
  p.limit = 1;
  p.status = im::flow_status::enabled;
  p.folder_id = "fold";
  auto flows = f.client.workflows().list_flows(p);
  EXPECT_TRUE(f.net->requests().empty());  // lazy
  auto walk = [&]() -> boost::asio::awaitable<int> {
    int n = 0;
    while (auto fl = co_await flows.next()) ++n;
    co_return n;
  };
  EXPECT_EQ(flowsdk::test::run(walk()), 2);
  ASSERT_EQ(f.net->requests().size(), 2u);
  EXPECT_EQ(f.net->requests()[0].target, "/activepieces/v1/flows?folderId=fold&status=ENABLED&limit=1");
  EXPECT_EQ(f.net->requests()[1].target, "/activepieces/v1/flows?folderId=fold&status=ENABLED&limit=1&cursor=cur%202");
}

TEST(ImbraceRequests, ListRunsSendsCamelCaseFilters) {
  fixture f;
  f.net->push(kit::reply::status(200, R"({"data":[],"next":null,"previous":null})"));
  im::list_runs_params p;
  p.flow_id = "f1";
  p.project_id = "p1";
  p.status = im::flow_run_status::failed;
  p.tags = {"a", "b"};
  p.created_after = "2026-01-01T00:00:00Z";
  p.created_before = "2026-02-01T00:00:00Z";
  auto runs = f.client.workflows().list_runs(p);
  EXPECT_FALSE(flowsdk::test::run(runs.next()));
  EXPECT_EQ(f.last().target,
            "/activepieces/v1/flow-runs?flowId=f1&projectId=p1&status=FAILED&tags=a&tags=b"
            "&createdAfter=2026-01-01T00%3A00%3A00Z&createdBefore=2026-02-01T00%3A00%3A00Z");
}

TEST(ImbraceRequests, CreateFlowPostsTheDocumentedBody) {
  fixture f;
  f.net->push(kit::reply::status(201, flow_json));
  im::create_flow_request req("My flow", "p1");
  flowsdk::test::run(f.client.workflows().create_flow(req));
  EXPECT_EQ(f.last().method, http::verb::post);
  EXPECT_EQ(f.last().target, "/activepieces/v1/flows");
  EXPECT_EQ(f.last().content_type, "application/json");
  EXPECT_EQ(boost::json::parse(f.last().body), boost::json::parse(R"({"displayName":"My flow","projectId":"p1"})"));
}

TEST(ImbraceRequests, DeleteAndOperationsUseTheirMethods) {
  fixture f;
  f.net->push(kit::reply::status(204, ""));
  flowsdk::test::run(f.client.workflows().delete_flow("f1"));
  EXPECT_EQ(f.last().method, http::verb::delete_);
  EXPECT_EQ(f.last().target, "/activepieces/v1/flows/f1");

  f.net->push(kit::reply::status(200, flow_json));
  boost::json::object op{{"type", "CHANGE_NAME"}, {"request", {{"displayName", "n"}}}};
  flowsdk::test::run(f.client.workflows().apply_flow_operation("f1", op));
  EXPECT_EQ(f.last().method, http::verb::post);
  EXPECT_EQ(boost::json::parse(f.last().body), boost::json::value(op));

  EXPECT_THROW(flowsdk::test::run(f.client.workflows().apply_flow_operation("f1", boost::json::object{})), error);
}

TEST(ImbraceRequests, WebhooksSendThePayloadUnwrapped) {
  fixture f;
  f.net->push(kit::reply::status(200, "{}", {{"x-webhook-id", "wh1"}}));
  auto r = flowsdk::test::run(f.client.workflows().trigger_flow("f1", boost::json::object{{"a", 1}}));
  EXPECT_EQ(f.last().target, "/activepieces/v1/webhooks/f1");
  EXPECT_EQ(f.last().body, R"({"a":1})");
  EXPECT_EQ(r.webhook_id, "wh1");

  f.net->push(kit::reply::status(204, ""));
  auto s = flowsdk::test::run(f.client.workflows().trigger_flow_sync("f1"));
  EXPECT_EQ(f.last().target, "/activepieces/v1/webhooks/f1/sync");
  EXPECT_EQ(f.last().body, "{}");
  EXPECT_TRUE(s.no_response());
  EXPECT_FALSE(s.json);
}

TEST(ImbraceRequests, SyncTriggerIsNeverRetriedAndUsesItsOwnDeadline) {
  fixture f;
  f.net->push(kit::reply::status(503));
  const auto before = std::chrono::steady_clock::now();
  EXPECT_THROW(flowsdk::test::run(f.client.workflows().trigger_flow_sync("f1")), error);
  EXPECT_EQ(f.net->requests().size(), 1u);
  EXPECT_GE(f.net->last_request().deadline - before, std::chrono::seconds(44));
}

TEST(ImbraceRequests, CredentialModesProduceTheirHeaders) {
  fixture jwt(im::credentials::jwt("eyJh.eyJp.sig", "org_9"));
  jwt.net->push(kit::reply::status(200, flow_json));
  flowsdk::test::run(jwt.client.workflows().get_flow("f1"));
  EXPECT_EQ(jwt.header(jwt.last(), "authorization"), "Bearer eyJh.eyJp.sig");
  EXPECT_EQ(jwt.header(jwt.last(), "x-organization-id"), "org_9");
  EXPECT_EQ(jwt.header(jwt.last(), "x-api-key"), "<absent>");

  fixture acc(im::credentials::access_token("acc_1", "org_2"));
  acc.net->push(kit::reply::status(200, flow_json));
  flowsdk::test::run(acc.client.workflows().get_flow("f1"));
  EXPECT_EQ(acc.header(acc.last(), "x-access-token"), "acc_1");
  EXPECT_EQ(acc.header(acc.last(), "x-organization-id"), "org_2");
}

TEST(ImbraceRequests, VendorErrorBodiesAreDecoded) {
  fixture f;
  f.net->push(kit::reply::status(
      400, R"({"statusCode":400,"code":"FST_ERR_VALIDATION","error":"Bad Request","message":"querystring bad"})"));
  try {
    flowsdk::test::run(f.client.workflows().get_run("r1"));
    FAIL();
  } catch (const error& e) {
    EXPECT_EQ(e.code(), errc::bad_request);
    EXPECT_EQ(e.details().vendor_code, "FST_ERR_VALIDATION");
    EXPECT_EQ(e.details().vendor_message, "querystring bad");
  }
  f.net->push(kit::reply::status(404, R"({"code":"ENTITY_NOT_FOUND","params":{"message":"no run r1"}})"));
  try {
    flowsdk::test::run(f.client.workflows().get_run("r1"));
    FAIL();
  } catch (const error& e) {
    EXPECT_EQ(e.code(), errc::not_found);
    EXPECT_EQ(e.details().vendor_code, "ENTITY_NOT_FOUND");
    EXPECT_EQ(e.details().vendor_message, "no run r1");
    EXPECT_EQ(std::string(e.what()).find("api_test"), std::string::npos);
  }
}

TEST(ImbraceRequests, MalformedBodiesAreDecodeErrors) {
  fixture f;
  f.net->push(kit::reply::status(200, R"({"id": "x", )"));
  try {
    flowsdk::test::run(f.client.workflows().get_run("r1"));
    FAIL();
  } catch (const error& e) {
    EXPECT_EQ(e.code(), errc::decode_error);
    EXPECT_EQ(e.details().target, "/activepieces/v1/flow-runs/r1");
  }
  f.net->push(kit::reply::status(200, R"({"id": 5})"));
  try {
    flowsdk::test::run(f.client.workflows().get_run("r1"));
    FAIL();
  } catch (const error& e) {
    EXPECT_EQ(e.code(), errc::decode_error);
    EXPECT_NE(std::string(e.what()).find("id: expected a string"), std::string::npos) << e.what();
  }
  f.net->push(kit::reply::status(200, R"({"items":[]})"));
  auto runs = f.client.workflows().list_runs();
  EXPECT_THROW(flowsdk::test::run(runs.next()), error);
}

TEST(ImbraceRequests, InvalidArgumentsFailBeforeAnyRequest) {
  fixture f;
  EXPECT_THROW(flowsdk::test::run(f.client.workflows().get_run("")), error);
  EXPECT_THROW(flowsdk::test::run(f.client.workflows().create_flow(im::create_flow_request(""))), error);
  EXPECT_TRUE(f.net->requests().empty());
  im::client_options bad;
  bad.gateway = "gateway.example.com";
  EXPECT_THROW(im::client(std::make_shared<http::transport>(f.net), bad), error);
}

TEST(ImbraceRequests, OneDeadlineBoundsEveryRequestOfACompositeCall) {
  // build_flow without a project: the lookup, the create, the trigger and the re-read all end
  // at the same instant; each used to get a fresh whole-call timeout of its own.
  fixture f;
  f.net->push(kit::reply::status(200, R"({"id":"p1","displayName":"P"})"));
  for (int i = 0; i < 3; ++i) f.net->push(kit::reply::status(200, flow_json));
  request_options o;
  o.timeout = std::chrono::milliseconds(1500);
  const auto before = std::chrono::steady_clock::now();
  flowsdk::test::run(f.client.workflows().build_flow(im::flow_spec("Built", im::flow_trigger::webhook()), o));
  ASSERT_EQ(f.net->requests().size(), 4u);
  for (const auto& sent : f.net->requests()) {
    const auto& d = sent.deadline;
    EXPECT_EQ(d, f.net->requests().front().deadline);
    EXPECT_LE(d, before + std::chrono::milliseconds(1500) + std::chrono::milliseconds(100));
  }
}

TEST(ImbraceRequests, ARequestAfterTheDeadlineIsNotSent) {
  fixture f;
  request_options o;
  o.deadline = std::chrono::steady_clock::now() - std::chrono::milliseconds(1);
  try {
    flowsdk::test::run(f.client.workflows().get_flow("f1", o));
    FAIL();
  } catch (const error& e) {
    EXPECT_EQ(e.code(), errc::timeout);
    EXPECT_EQ(e.details().attempts, 0);
  }
  EXPECT_TRUE(f.net->requests().empty());
}
