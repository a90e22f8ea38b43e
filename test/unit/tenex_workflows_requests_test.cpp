// Templates, workflows and versions of the 10ex client: every request checked against the route
// table of docs/tenex.md (test/support/tenex_routes.hpp), the sample bodies of the data models,
// pagination, If-Match and version conflicts, idempotency keys and retries, the three error
// shapes, and the graph builder's local checks.
#include "flowsdk/tenex/client.hpp"
#include "flowsdk/tenex/graph_builder.hpp"

#include "flowsdk/testing/fake_network.hpp"
#include "support/tenex_unit.hpp"
#include "support/run.hpp"
#include "support/tenex_routes.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include <map>
#include <set>

using flowsdk::errc;
using flowsdk::http::verb;
namespace kit = flowsdk::testing;
namespace tx = flowsdk::tenex;
namespace bj = boost::json;

namespace {

// A version of the §6 sample: steps of every type, a retry and a fallback, conditions, an
// unknown step type and unknown keys.
constexpr const char* sample_graph = R"({
  "steps": [
    {"id": "enrich", "type": "agent", "name": "Enrich lead",
     "config": {"crew_id": "crew_research", "input_mapping": {"lead_id": "$.input.lead_id"}},
     "retry": {"max_attempts": 3, "backoff": "exponential", "delay_seconds": 1.5}, "fallback_step_id": "notify"},
    {"id": "hot", "type": "branch", "name": "Is it hot?", "config": {}},
    {"id": "notify", "type": "connector_action", "name": "Tell sales",
     "config": {"connector": "slack", "action": "post_message", "params": {"channel": "#sales"}}},
    {"id": "cool", "type": "wait", "name": "Wait a day", "config": {"mode": "delay", "duration_seconds": 86400}},
    {"id": "later", "type": "human_review", "name": "New kind", "config": {"queue": "q1"}, "owner": "ops"}
  ],
  "edges": [
    {"from": "start", "to": "enrich"}, {"from": "enrich", "to": "hot"},
    {"from": "hot", "to": "notify", "condition": "$.steps.enrich.output.score > 80"},
    {"from": "hot", "to": "cool", "weight": 2}, {"from": "cool", "to": "later"}
  ],
  "layout": "dagre"
})";

std::string workflow_json(int latest = 1, const char* status = "draft") {
  return std::string(R"({"id":"wf_1","name":"Lead to sequence","description":null,"status":")") + status +
         R"(","input_schema":{"type":"object","required":["lead_id"]},"output_schema":null,"active_version":null,)" +
         R"("latest_version":)" + std::to_string(latest) +
         R"(,"template_slug":"lead-to-sequence","created_at":"2026-11-30T10:00:00Z","updated_at":"2026-11-30T10:00:00.250Z"})";
}

std::string version_json(int v, const char* state = "inactive") {
  return R"({"workflow_id":"wf_1","version":)" + std::to_string(v) + R"(,"state":")" + state + R"(","graph":)" +
         sample_graph + R"(,"input_schema":{"type":"object"},"created_at":"2026-11-30T10:00:00Z","archived_at":null})";
}

std::string page(const std::string& items, const char* next_cursor, std::optional<int> total) {
  std::string s = R"({"items":[)" + items + R"(],"next_cursor":)" +
                  (next_cursor ? bj::serialize(bj::value(next_cursor)) : std::string("null"));
  if (total) s += R"(,"total":)" + std::to_string(*total);
  return s + "}";
}

using flowsdk::test::header_of;

class TenexFixture : public ::testing::Test {
 protected:
  std::shared_ptr<kit::fake_network> net = std::make_shared<kit::fake_network>();
  tx::client client = make();

  tx::client make() {
    return flowsdk::test::tenex_client_over(net, flowsdk::test::tenex_unit_options("tnx_pre_secret"));
  }

  template <class T>
  T run(boost::asio::awaitable<T> a) {
    return flowsdk::test::run(std::move(a));
  }
  void run(boost::asio::awaitable<void> a) { flowsdk::test::run(std::move(a)); }

  template <class T>
  std::vector<T> walk(flowsdk::paginator<T>& p) {
    auto all = [](flowsdk::paginator<T>& p) -> boost::asio::awaitable<std::vector<T>> {
      std::vector<T> out;
      for (;;) {
        auto item = co_await p.next();
        if (!item) break;
        out.push_back(std::move(*item));
      }
      co_return out;
    };
    return run(all(p));
  }

  void reply(unsigned status, std::string body) { net->push(kit::reply::status(status, std::move(body))); }
  const flowsdk::http::request& last() const { return net->requests().back(); }
  bj::value last_body() const { return bj::parse(last().body); }

  // Every request sent so far must be one of the documented routes, with its query keys, body
  // and headers.
  void expect_all_valid() {
    for (const auto& r : net->requests()) {
      EXPECT_EQ(flowsdk::test::validate_tenex_request(r), "")
          << boost::beast::http::to_string(r.method) << " " << r.target << " " << r.body;
    }
  }

  template <class F>
  flowsdk::error failure_of(F&& call) {
    try {
      call();
    } catch (const flowsdk::error& e) {
      return e;
    }
    ADD_FAILURE() << "no error thrown";
    return flowsdk::error(errc::api_failure, {});  // a code no test here expects
  }
};

class TenexTemplates : public TenexFixture {};
class TenexWorkflows : public TenexFixture {};

}  // namespace

// ---- templates -----------------------------------------------------------------------------

TEST_F(TenexTemplates, ListSendsFiltersAndPercentEncodesTheCursor) {
  const std::string item =
      R"({"slug":"lead-to-sequence","name":"Lead to sequence","description":"Enrich, score, enrol","category":"sales",)"
      R"("version":3,"inputs_schema":{"type":"object","properties":{"sequence_id":{"type":"string"}}},)"
      R"("created_at":"2026-01-05T09:00:00Z","updated_at":"2026-02-01T09:00:00Z","badge":"vetted"})";
  reply(200, page(item, "c1=+/x", 2));
  reply(200, page(R"({"slug":"webinar-follow-up","name":"Webinar follow-up","category":"sales","version":1})", nullptr,
                  std::nullopt));
  tx::list_templates_params p;
  p.category = "sales";
  p.q = "lead & seq";
  p.limit = 1;
  auto templates = client.templates().list(p);
  EXPECT_TRUE(net->requests().empty());  // lazy: nothing sent before the first page is asked for
  auto first = run(templates.next());
  ASSERT_TRUE(first);
  EXPECT_EQ(first->slug, "lead-to-sequence");
  EXPECT_EQ(first->version, 3);
  EXPECT_FALSE(first->graph);  // list items carry no graph
  EXPECT_EQ(first->inputs_schema.at("properties").at("sequence_id").at("type"), "string");
  EXPECT_EQ(first->extra.at("badge"), "vetted");
  EXPECT_EQ(templates.total(), 2);
  auto second = run(templates.next());
  ASSERT_TRUE(second);
  EXPECT_EQ(second->slug, "webinar-follow-up");
  EXPECT_FALSE(templates.total());  // the last page left `total` out
  EXPECT_FALSE(run(templates.next()));

  ASSERT_EQ(net->requests().size(), 2u);
  EXPECT_EQ(net->requests()[0].target, "/api/v1/flows/templates?category=sales&q=lead%20%26%20seq&limit=1");
  EXPECT_EQ(net->requests()[1].target,
            "/api/v1/flows/templates?category=sales&q=lead%20%26%20seq&limit=1&cursor=c1%3D%2B%2Fx");
  expect_all_valid();
}

TEST_F(TenexTemplates, GetDecodesTheTemplateWithItsGraph) {
  reply(200, std::string(R"({"slug":"lead-to-sequence","name":"Lead to sequence","description":"d","category":"sales",)"
                         R"("version":3,"inputs_schema":{"type":"object","required":["sequence_id"]},"graph":)") +
                 sample_graph + R"(,"created_at":"2026-01-05T09:00:00Z","updated_at":"2026-02-01T09:00:00Z"})");
  auto t = run(client.templates().get("lead-to-sequence"));
  EXPECT_EQ(last().method, verb::get);
  EXPECT_EQ(last().target, "/api/v1/flows/templates/lead-to-sequence");
  ASSERT_TRUE(t.graph);
  ASSERT_EQ(t.graph->steps.size(), 5u);
  EXPECT_TRUE(t.graph->steps[0].type == tx::step_type::agent);
  EXPECT_EQ(t.graph->steps[0].config.at("crew_id"), "crew_research");
  EXPECT_EQ(t.graph->steps[0].retry->max_attempts, 3);
  EXPECT_TRUE(t.graph->steps[0].retry->backoff == tx::retry_backoff::exponential);
  EXPECT_EQ(t.graph->steps[0].retry->delay_seconds, 1.5);
  EXPECT_EQ(t.graph->steps[0].fallback_step_id, "notify");
  EXPECT_EQ(t.graph->steps[4].type.value(), "human_review");  // a step type this release does not know
  EXPECT_EQ(t.graph->steps[4].extra.at("owner"), "ops");
  EXPECT_EQ(t.graph->edges[0].from, "start");
  EXPECT_EQ(t.graph->edges[2].condition, "$.steps.enrich.output.score > 80");
  EXPECT_FALSE(t.graph->edges[3].condition);
  EXPECT_EQ(t.graph->edges[3].extra.at("weight"), 2);
  EXPECT_EQ(t.graph->extra.at("layout"), "dagre");
  EXPECT_EQ(t.inputs_schema.at("required").at(0), "sequence_id");

  // A slug is one path segment, percent-encoded.
  reply(200, R"({"slug":"a/b","name":"x"})");
  run(client.templates().get("a/b"));
  EXPECT_EQ(last().target, "/api/v1/flows/templates/a%2Fb");
  expect_all_valid();
}

TEST_F(TenexTemplates, InstantiateSendsInputsWithAnIdempotencyKey) {
  reply(201, workflow_json());
  tx::template_inputs in(bj::object{{"sequence_id", "seq_9"}, {"min_score", 70}});
  in.name = "Inbound leads";
  in.activate = true;
  auto wf = run(client.templates().instantiate("lead-to-sequence", in));
  EXPECT_EQ(wf.id, "wf_1");
  EXPECT_EQ(wf.template_slug, "lead-to-sequence");
  EXPECT_EQ(last().method, verb::post);
  EXPECT_EQ(last().target, "/api/v1/flows/templates/lead-to-sequence/instantiate");
  EXPECT_EQ(last_body(),
            bj::parse(R"({"name":"Inbound leads","inputs":{"sequence_id":"seq_9","min_score":70},"activate":true})"));
  EXPECT_EQ(header_of(last(), "idempotency-key").size(), 36u);  // a UUID chosen for this call

  // Only what is set is sent; a caller's key is used as it is.
  reply(201, workflow_json());
  flowsdk::request_options o;
  o.idempotency_key = "my-key-1";
  run(client.templates().instantiate("lead-to-sequence", tx::template_inputs(), o));
  EXPECT_EQ(last_body(), bj::parse(R"({"inputs":{}})"));
  EXPECT_EQ(header_of(last(), "Idempotency-Key"), "my-key-1");

  // Each call has a key of its own.
  reply(201, workflow_json());
  reply(201, workflow_json());
  run(client.templates().instantiate("t", tx::template_inputs()));
  run(client.templates().instantiate("t", tx::template_inputs()));
  EXPECT_NE(header_of(net->requests()[2], "idempotency-key"), header_of(net->requests()[3], "idempotency-key"));
  expect_all_valid();
}

TEST_F(TenexTemplates, InstantiateRetriesWithTheSameKeyAfterA503AndAReset) {
  reply(503, R"({"detail":"upstream unavailable","code":"upstream_unavailable"})");
  net->push(kit::reply::failure(errc::connection_lost, true));  // may have reached the server
  reply(201, workflow_json());
  auto wf = run(client.templates().instantiate("lead-to-sequence", tx::template_inputs(bj::object{{"a", 1}})));
  EXPECT_EQ(wf.id, "wf_1");
  ASSERT_EQ(net->requests().size(), 3u);
  const std::string key = header_of(net->requests()[0], "idempotency-key");
  EXPECT_EQ(key.size(), 36u);
  EXPECT_EQ(header_of(net->requests()[1], "idempotency-key"), key);
  EXPECT_EQ(header_of(net->requests()[2], "idempotency-key"), key);
  EXPECT_EQ(net->requests()[2].body, net->requests()[0].body);
  expect_all_valid();
}

TEST_F(TenexTemplates, InvalidArgumentsFailBeforeAnyRequest) {
  auto t = client.templates();
  EXPECT_EQ(failure_of([&] { run(t.get("")); }).code(), errc::invalid_argument);
  EXPECT_EQ(failure_of([&] { run(t.instantiate("", tx::template_inputs())); }).code(), errc::invalid_argument);
  tx::list_templates_params p;
  p.limit = 201;
  EXPECT_EQ(failure_of([&] { t.list(p); }).code(), errc::invalid_argument);
  p.limit = 0;
  EXPECT_EQ(failure_of([&] { t.list(p); }).code(), errc::invalid_argument);
  EXPECT_TRUE(net->requests().empty());
  p.limit = 200;
  auto ok = t.list(p);
  reply(200, page("", nullptr, 0));
  EXPECT_FALSE(run(ok.next()));
  EXPECT_EQ(last().target, "/api/v1/flows/templates?limit=200");
}

// ---- workflows -----------------------------------------------------------------------------

TEST_F(TenexWorkflows, EveryMethodSendsItsDocumentedRequest) {
  auto wf = client.workflows();

  reply(200, page(workflow_json(2, "active"), nullptr, 1));
  tx::list_workflows_params lp;
  lp.status = tx::workflow_status::active;
  lp.q = "lead";
  lp.limit = 50;
  auto all = wf.list(lp);
  EXPECT_EQ(walk(all).size(), 1u);
  EXPECT_EQ(last().target, "/api/v1/flows/workflows?status=active&q=lead&limit=50");

  reply(201, workflow_json());
  tx::workflow_create create("Lead to sequence",
                             tx::graph_builder().branch("b", "B").edge(tx::graph_builder::start, "b").build());
  create.input_schema = bj::object{{"type", "object"}};
  create.description = "d";
  auto created = run(wf.create(create));
  EXPECT_EQ(created.latest_version, 1);
  EXPECT_EQ(last().method, verb::post);
  EXPECT_EQ(last().target, "/api/v1/flows/workflows");
  EXPECT_EQ(last_body(), bj::parse(R"({"name":"Lead to sequence","description":"d","input_schema":{"type":"object"},
    "graph":{"steps":[{"id":"b","type":"branch","name":"B","config":{}}],"edges":[{"from":"start","to":"b"}]}})"));
  EXPECT_EQ(header_of(last(), "idempotency-key"), "");  // a plain POST

  reply(200, workflow_json(3, "active"));
  EXPECT_EQ(run(wf.get("wf_1")).latest_version, 3);
  EXPECT_EQ(last().target, "/api/v1/flows/workflows/wf_1");

  reply(200, workflow_json(3, "paused"));
  tx::workflow_update up;
  up.status = tx::workflow_status::paused;
  up.name = "Renamed";
  EXPECT_TRUE(run(wf.update("wf_1", up)).status == tx::workflow_status::paused);
  EXPECT_EQ(last().method, verb::patch);
  EXPECT_EQ(last_body(), bj::parse(R"({"name":"Renamed","status":"paused"})"));

  reply(200, version_json(4));
  tx::graph_update gu(tx::graph_builder().branch("b", "B").build());
  gu.output_schema = bj::object{{"type", "object"}};
  auto v4 = run(wf.replace_graph("wf_1", gu, 3));
  EXPECT_EQ(v4.version, 4);
  EXPECT_EQ(last().method, verb::put);
  EXPECT_EQ(last().target, "/api/v1/flows/workflows/wf_1/graph");
  EXPECT_EQ(last_body(), bj::parse(R"({"graph":{"steps":[{"id":"b","type":"branch","name":"B","config":{}}],"edges":[]},
    "output_schema":{"type":"object"}})"));

  reply(200, workflow_json(4, "archived"));
  EXPECT_TRUE(run(wf.archive("wf_1")).status == tx::workflow_status::archived);
  EXPECT_EQ(last().target, "/api/v1/flows/workflows/wf_1/archive");
  EXPECT_EQ(last().body, "");

  reply(200, page(version_json(4) + "," + version_json(3), "v+2=", std::nullopt));
  reply(200, page(version_json(2) + "," + version_json(1, "archived"), nullptr, std::nullopt));
  auto versions = wf.list_versions("wf_1", 2);
  auto got = walk(versions);
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[0].version, 4);
  EXPECT_TRUE(got[3].state == tx::version_state::archived);
  EXPECT_EQ(net->requests()[net->requests().size() - 2].target, "/api/v1/flows/workflows/wf_1/versions?limit=2");
  EXPECT_EQ(last().target, "/api/v1/flows/workflows/wf_1/versions?limit=2&cursor=v%2B2%3D");

  reply(200, version_json(2));
  EXPECT_EQ(run(wf.get_version("wf_1", 2)).graph.steps.size(), 5u);
  EXPECT_EQ(last().target, "/api/v1/flows/workflows/wf_1/versions/2");
  reply(200, version_json(2, "active"));
  EXPECT_TRUE(run(wf.activate_version("wf_1", 2)).state == tx::version_state::active);
  EXPECT_EQ(last().method, verb::post);
  EXPECT_EQ(last().target, "/api/v1/flows/workflows/wf_1/versions/2/activate");
  reply(200, version_json(1, "archived"));
  EXPECT_TRUE(run(wf.archive_version("wf_1", 1)).state == tx::version_state::archived);
  EXPECT_EQ(last().target, "/api/v1/flows/workflows/wf_1/versions/1/archive");

  expect_all_valid();
  for (const auto& r : net->requests()) EXPECT_EQ(header_of(r, "authorization"), "Bearer tnx_pre_secret");
}

TEST_F(TenexWorkflows, ModelsKeepUnknownFieldsAndUnknownEnumValues) {
  reply(200, R"({"id":"wf_2","name":"n","status":"frozen","input_schema":true,"active_version":2,"latest_version":5,
    "created_at":"2026-11-30T10:00:00Z","updated_at":"2026-11-30T10:00:00Z","archived_at":null,"owner":{"id":"u1"}})");
  auto w = run(client.workflows().get("wf_2"));
  EXPECT_EQ(w.status.value(), "frozen");
  EXPECT_FALSE(w.status == tx::workflow_status::active);
  EXPECT_EQ(w.active_version, 2);
  EXPECT_EQ(w.latest_version, 5);
  EXPECT_FALSE(w.description);
  EXPECT_FALSE(w.archived_at);
  EXPECT_TRUE(w.output_schema.is_null());  // absent
  EXPECT_EQ(w.input_schema, true);         // any JSON Schema, the boolean ones included
  EXPECT_EQ(w.extra.at("owner").at("id"), "u1");

  reply(200, R"({"workflow_id":"wf_2","version":1,"state":"superseded","graph":{"steps":[],"edges":[]},
    "input_schema":{},"output_schema":{"type":"object"},"created_at":"t","archived_at":"2026-12-01T00:00:00Z","notes":"x"})");
  auto v = run(client.workflows().get_version("wf_2", 1));
  EXPECT_EQ(v.state.value(), "superseded");
  EXPECT_EQ(v.archived_at, "2026-12-01T00:00:00Z");
  EXPECT_EQ(v.output_schema.at("type"), "object");
  EXPECT_EQ(v.extra.at("notes"), "x");

  // A body of the wrong shape is a decode error naming the field, not a default model.
  reply(200, R"({"id":"wf_2","latest_version":"five"})");
  auto e = failure_of([&] { run(client.workflows().get("wf_2")); });
  EXPECT_EQ(e.code(), errc::decode_error);
  EXPECT_NE(std::string(e.what()).find("latest_version"), std::string::npos);
  expect_all_valid();
}

TEST_F(TenexWorkflows, PagesMayBeEmptyAndMayOmitTotal) {
  // An empty list: one request, nothing, total 0.
  reply(200, page("", nullptr, 0));
  auto none = client.workflows().list();
  EXPECT_TRUE(walk(none).empty());
  EXPECT_EQ(none.total(), 0);
  EXPECT_EQ(net->requests().size(), 1u);
  EXPECT_EQ(last().target, "/api/v1/flows/workflows");

  // An empty page with a cursor is followed; `total` appears and disappears page by page.
  reply(200, page("", "c=2", std::nullopt));
  reply(200, page(workflow_json(), "c+3", 7));
  reply(200, page("", nullptr, std::nullopt));
  auto some = client.workflows().list();
  auto p1 = run(some.next_page());
  ASSERT_TRUE(p1);
  EXPECT_TRUE(p1->items.empty());
  EXPECT_FALSE(some.total());
  auto p2 = run(some.next_page());
  ASSERT_TRUE(p2);
  EXPECT_EQ(p2->items.size(), 1u);
  EXPECT_EQ(p2->total, 7);
  EXPECT_EQ(some.total(), 7);
  auto p3 = run(some.next_page());
  ASSERT_TRUE(p3);
  EXPECT_TRUE(p3->items.empty());
  EXPECT_FALSE(run(some.next_page()));
  EXPECT_EQ(net->requests()[2].target, "/api/v1/flows/workflows?cursor=c%3D2");
  EXPECT_EQ(net->requests()[3].target, "/api/v1/flows/workflows?cursor=c%2B3");

  // A server that hands back the cursor it was given is stopped, not followed forever.
  reply(200, page(workflow_json(), "same", std::nullopt));
  reply(200, page(workflow_json(), "same", std::nullopt));
  auto loop = client.workflows().list_versions("wf_1");
  EXPECT_EQ(failure_of([&] { walk(loop); }).code(), errc::protocol_error);
  expect_all_valid();
}

TEST_F(TenexWorkflows, ReplaceGraphSendsTheExpectedVersionAsIfMatch) {
  reply(200, version_json(8));
  run(client.workflows().replace_graph("wf_1", tx::graph_update(), 7));
  EXPECT_EQ(header_of(last(), "If-Match"), "\"7\"");

  reply(200, version_json(9));
  auto v = run(client.workflows().replace_graph("wf_1", tx::graph_update(), std::nullopt));
  EXPECT_EQ(v.version, 9);
  EXPECT_EQ(header_of(last(), "if-match"), "");  // accepted whatever the latest version is
  EXPECT_EQ(last_body(), bj::parse(R"({"graph":{"steps":[],"edges":[]}})"));
  EXPECT_EQ(net->requests().size(), 2u);
  expect_all_valid();
}

TEST_F(TenexWorkflows, AStaleEditThrowsVersionConflictWithTheLatestVersionReadBack) {
  // The 412 body names a version, but only the workflow is trusted for it.
  reply(412,
        R"({"detail":"If-Match \"3\" differs from the latest version","code":"version_mismatch","latest_version":99})");
  reply(200, workflow_json(5));
  flowsdk::request_options o;
  o.timeout = std::chrono::milliseconds(2500);
  try {
    run(client.workflows().replace_graph("wf 1", tx::graph_update(), 3, o));
    FAIL() << "a stale If-Match must throw";
  } catch (const tx::version_conflict& e) {
    EXPECT_EQ(e.code(), errc::conflict);
    EXPECT_EQ(e.current_version(), 5);
    EXPECT_EQ(e.http_status(), 412u);
    EXPECT_EQ(e.details().vendor_code, "version_mismatch");
    EXPECT_EQ(e.details().method, "PUT");
    EXPECT_EQ(e.details().target, "/api/v1/flows/workflows/wf%201/graph");
  }
  ASSERT_EQ(net->requests().size(), 2u);
  EXPECT_EQ(net->requests()[1].method, verb::get);
  EXPECT_EQ(net->requests()[1].target, "/api/v1/flows/workflows/wf%201");
  EXPECT_EQ(net->requests()[1].deadline, net->requests()[0].deadline);  // the read-back got no fresh 2.5 s
  expect_all_valid();

  // It is a flowsdk::error like every other failure.
  reply(412, R"({"detail":"stale","code":"version_mismatch"})");
  reply(200, workflow_json(6));
  auto e = failure_of([&] { run(client.workflows().replace_graph("wf_1", tx::graph_update(), 5)); });
  EXPECT_EQ(e.code(), errc::conflict);
}

TEST_F(TenexWorkflows, AConflictWhoseReadBackFailsStillThrowsVersionConflict) {
  reply(412, R"({"detail":"stale","code":"version_mismatch"})");
  reply(404, R"({"detail":"Workflow not found","code":"not_found"})");
  try {
    run(client.workflows().replace_graph("wf_1", tx::graph_update(), 1));
    FAIL();
  } catch (const tx::version_conflict& e) {
    EXPECT_FALSE(e.current_version());
    EXPECT_EQ(e.http_status(), 412u);
    EXPECT_NE(e.details().cause.find("reading the latest version failed"), std::string::npos);
  }
  // Other failures of the PUT are not conflicts and make no read-back.
  reply(422, R"({"detail":[{"loc":["body","graph","edges",0,"to"],"msg":"unknown step","type":"value_error"}]})");
  try {
    run(client.workflows().replace_graph("wf_1", tx::graph_update(), 1));
    FAIL();
  } catch (const tx::version_conflict&) {
    FAIL() << "a 422 is not a version conflict";
  } catch (const flowsdk::error& e) {
    EXPECT_EQ(e.code(), errc::unprocessable);
  }
  EXPECT_EQ(net->requests().size(), 3u);
}

TEST_F(TenexWorkflows, AStaleAnswerToARetriedEditSaysItWasRetried) {
  // The first PUT may have been applied before its connection dropped: the retry then finds
  // the workflow one version ahead, and the conflict says it came after a retry.
  net->push(kit::reply::failure(errc::connection_lost, true));
  reply(412, R"({"detail":"stale","code":"version_mismatch"})");
  reply(200, workflow_json(4));
  try {
    run(client.workflows().replace_graph("wf_1", tx::graph_update(), 3));
    FAIL();
  } catch (const tx::version_conflict& e) {
    EXPECT_EQ(e.details().attempts, 2);
    EXPECT_EQ(e.current_version(), 4);
  }
  ASSERT_EQ(net->requests().size(), 3u);
  EXPECT_EQ(header_of(net->requests()[1], "if-match"), "\"3\"");
  expect_all_valid();
}

TEST_F(TenexWorkflows, CreateIsNotRetriedOnceItMayHaveBeenSent) {
  net->push(kit::reply::failure(errc::connection_lost, true));
  reply(201, workflow_json());
  auto e = failure_of([&] { run(client.workflows().create(tx::workflow_create("x", tx::graph()))); });
  EXPECT_EQ(e.code(), errc::connection_lost);
  EXPECT_EQ(net->requests().size(), 1u);
  EXPECT_EQ(header_of(net->requests()[0], "idempotency-key"), "");
  EXPECT_EQ(net->pending(), 1u);  // the answer a retry would have had is still unused
  net->clear_script();

  reply(503, R"({"detail":"busy","code":"internal_error"})");
  EXPECT_EQ(failure_of([&] { run(client.workflows().create(tx::workflow_create("x", tx::graph()))); }).code(),
            errc::server_error);
  EXPECT_EQ(net->requests().size(), 2u);  // a 503 is not retried either

  // A failure that proves nothing left is retried.
  net->push(kit::reply::failure(errc::connect_failed, false));
  reply(201, workflow_json());
  EXPECT_EQ(run(client.workflows().create(tx::workflow_create("x", tx::graph()))).id, "wf_1");
  EXPECT_EQ(net->requests().size(), 4u);
  expect_all_valid();
}

TEST_F(TenexWorkflows, ActionsAndEditsAreRetriedAfterA503) {
  auto wf = client.workflows();
  const std::string busy = R"({"detail":"upstream unavailable","code":"upstream_unavailable"})";
  reply(503, busy);
  reply(200, workflow_json(1, "archived"));
  run(wf.archive("wf_1"));
  reply(503, busy);
  reply(200, version_json(2, "active"));
  run(wf.activate_version("wf_1", 2));
  reply(503, busy);
  reply(200, version_json(1, "archived"));
  run(wf.archive_version("wf_1", 1));
  reply(503, busy);
  reply(200, workflow_json());
  tx::workflow_update up;
  up.description = "d";
  run(wf.update("wf_1", up));
  reply(503, busy);
  reply(200, version_json(2));
  run(wf.replace_graph("wf_1", tx::graph_update(), 1));
  ASSERT_EQ(net->requests().size(), 10u);
  for (std::size_t i = 0; i < 10; i += 2) {
    EXPECT_EQ(net->requests()[i].target, net->requests()[i + 1].target);
    EXPECT_EQ(net->requests()[i].body, net->requests()[i + 1].body);
  }
  EXPECT_EQ(header_of(net->requests()[9], "if-match"), "\"1\"");
  expect_all_valid();
}

TEST_F(TenexWorkflows, TheThreeErrorShapesAreMapped) {
  reply(404, R"({"detail":"Workflow not found","code":"not_found","request_id":"req_1"})");
  auto nf = failure_of([&] { run(client.workflows().get("wf_other_workspace")); });
  EXPECT_EQ(nf.code(), errc::not_found);
  EXPECT_EQ(nf.details().vendor_code, "not_found");
  EXPECT_EQ(nf.details().vendor_message, "Workflow not found");
  EXPECT_EQ(nf.details().request_id, "req_1");
  EXPECT_EQ(nf.details().attempts, 1);

  reply(409, R"({"detail":"The workflow has no active version","code":"no_active_version"})");
  tx::workflow_update up;
  up.status = tx::workflow_status::active;
  auto conflict = failure_of([&] { run(client.workflows().update("wf_1", up)); });
  EXPECT_EQ(conflict.code(), errc::conflict);
  EXPECT_EQ(conflict.details().vendor_code, "no_active_version");
  EXPECT_EQ(conflict.details().attempts, 1);  // a 409 is not retried

  reply(409, R"({"detail":"Version 1 is archived","code":"version_archived"})");
  EXPECT_EQ(failure_of([&] { run(client.workflows().activate_version("wf_1", 1)); }).details().vendor_code,
            "version_archived");

  reply(422, R"({"detail":[{"loc":["body","inputs","sequence_id"],"msg":"field required","type":"missing"},
    {"loc":["body","graph","edges",0,"to"],"msg":"unknown step","type":"value_error"}]})");
  auto invalid = failure_of([&] { run(client.templates().instantiate("lead-to-sequence", tx::template_inputs())); });
  EXPECT_EQ(invalid.code(), errc::unprocessable);
  ASSERT_EQ(invalid.details().vendor_errors.size(), 2u);
  EXPECT_EQ(invalid.details().vendor_errors[0].location, (std::vector<std::string>{"body", "inputs", "sequence_id"}));
  EXPECT_EQ(invalid.details().vendor_errors[0].code, "missing");
  EXPECT_EQ(invalid.details().vendor_errors[1].location,
            (std::vector<std::string>{"body", "graph", "edges", "0", "to"}));
  EXPECT_EQ(invalid.details().vendor_message, "body.inputs.sequence_id: field required");

  reply(429, R"({"error":"rate_limited","message":"Too many requests"})");
  flowsdk::request_options once;
  once.max_retries = 0;
  auto limited = failure_of([&] { run(client.workflows().get("wf_1", once)); });
  EXPECT_EQ(limited.code(), errc::rate_limited);
  EXPECT_EQ(limited.details().vendor_code, "rate_limited");
  EXPECT_EQ(limited.details().vendor_message, "Too many requests");
  for (const auto& e : {nf, conflict, invalid, limited}) {
    EXPECT_EQ(std::string(e.what()).find("tnx_pre_secret"), std::string::npos);
  }
  expect_all_valid();
}

TEST_F(TenexWorkflows, InvalidArgumentsFailBeforeAnyRequest) {
  auto wf = client.workflows();
  auto code = [&](auto call) { return failure_of(call).code(); };
  EXPECT_EQ(code([&] { run(wf.get("")); }), errc::invalid_argument);
  EXPECT_EQ(code([&] { run(wf.update("", tx::workflow_update())); }), errc::invalid_argument);
  EXPECT_EQ(code([&] { run(wf.archive("")); }), errc::invalid_argument);
  EXPECT_EQ(code([&] { run(wf.replace_graph("", tx::graph_update(), 1)); }), errc::invalid_argument);
  EXPECT_EQ(code([&] { run(wf.replace_graph("wf_1", tx::graph_update(), 0)); }), errc::invalid_argument);
  EXPECT_EQ(code([&] { run(wf.get_version("wf_1", 0)); }), errc::invalid_argument);
  EXPECT_EQ(code([&] { run(wf.get_version("", 1)); }), errc::invalid_argument);
  EXPECT_EQ(code([&] { run(wf.activate_version("wf_1", -1)); }), errc::invalid_argument);
  EXPECT_EQ(code([&] { run(wf.archive_version("wf_1", std::int64_t(1) << 40)); }), errc::invalid_argument);
  EXPECT_EQ(code([&] { wf.list_versions("wf_1", 201); }), errc::invalid_argument);
  EXPECT_EQ(code([&] { wf.list_versions("wf_1", 0); }), errc::invalid_argument);
  tx::list_workflows_params lp;
  lp.limit = 201;
  EXPECT_EQ(code([&] { wf.list(lp); }), errc::invalid_argument);
  tx::workflow_update archived;
  archived.status = tx::workflow_status::archived;
  EXPECT_EQ(code([&] { run(wf.update("wf_1", archived)); }), errc::invalid_argument);
  tx::workflow_update draft;
  draft.status = tx::workflow_status::draft;
  EXPECT_EQ(code([&] { run(wf.update("wf_1", draft)); }), errc::invalid_argument);
  auto versions = wf.list_versions("");
  EXPECT_EQ(code([&] { walk(versions); }), errc::invalid_argument);
  EXPECT_TRUE(net->requests().empty());
}

// ---- graph builder -------------------------------------------------------------------------

TEST(TenexWorkflowsGraph, BuildsTheConfigOfEveryStepType) {
  tx::step_retry three;
  three.max_attempts = 3;
  three.backoff = tx::retry_backoff::exponential;
  three.delay_seconds = 2.0;
  auto g = tx::graph_builder()
               .retry("enrich", three)  // a setter may come before its step
               .agent_step("enrich", "Enrich lead", "crew_research", {{"lead_id", "$.input.lead_id"}})
               .branch("hot", "Is it hot?")
               .connector_action("notify", "Tell sales", "slack", "post_message", {{"channel", "#sales"}})
               .connector_action("tag", "Tag lead", "crm", "update_lead")
               .wait_delay("cool", "Wait a day", 86400)
               .wait_event("reply", "Wait for a reply", "sequence.email.replied", 3600)
               .wait_event("form", "Wait for the form", "form.submitted")
               .agent_step("plain", "No mapping", "crew_2")
               .edge(tx::graph_builder::start, "enrich")
               .edge("enrich", "hot")
               .edge("hot", "notify", "$.steps.enrich.output.score > 80")
               .edge("hot", "cool")
               .edge("cool", "reply")
               .edge("reply", "form")
               .edge("form", "plain")
               .edge("notify", "tag")
               .fallback("enrich", "tag")
               .build();
  EXPECT_EQ(flowsdk::json::encode(g), bj::parse(R"({"steps":[
    {"id":"enrich","type":"agent","name":"Enrich lead","config":{"crew_id":"crew_research","input_mapping":{"lead_id":"$.input.lead_id"}},
     "retry":{"max_attempts":3,"backoff":"exponential","delay_seconds":2.0},"fallback_step_id":"tag"},
    {"id":"hot","type":"branch","name":"Is it hot?","config":{}},
    {"id":"notify","type":"connector_action","name":"Tell sales","config":{"connector":"slack","action":"post_message","params":{"channel":"#sales"}}},
    {"id":"tag","type":"connector_action","name":"Tag lead","config":{"connector":"crm","action":"update_lead","params":{}}},
    {"id":"cool","type":"wait","name":"Wait a day","config":{"mode":"delay","duration_seconds":86400}},
    {"id":"reply","type":"wait","name":"Wait for a reply","config":{"mode":"event","event_type":"sequence.email.replied","timeout_seconds":3600}},
    {"id":"form","type":"wait","name":"Wait for the form","config":{"mode":"event","event_type":"form.submitted"}},
    {"id":"plain","type":"agent","name":"No mapping","config":{"crew_id":"crew_2"}}],
    "edges":[{"from":"start","to":"enrich"},{"from":"enrich","to":"hot"},
    {"from":"hot","to":"notify","condition":"$.steps.enrich.output.score > 80"},{"from":"hot","to":"cool"},
    {"from":"cool","to":"reply"},{"from":"reply","to":"form"},{"from":"form","to":"plain"},{"from":"notify","to":"tag"}]})"));
}

TEST(TenexWorkflowsGraph, RawJsonStepsAndGraphsAreKeptAsTheyAre) {
  // A whole graph from JSON, unknown type and keys included, round-trips.
  auto from = tx::graph_builder::from_json(bj::parse(sample_graph));
  auto g = from.build();
  EXPECT_EQ(flowsdk::json::encode(g), bj::parse(sample_graph));
  // ...and can be extended.
  auto more = tx::graph_builder(g)
                  .step(bj::object{{"id", "audit"},
                                   {"type", "ledger_write"},
                                   {"name", "Audit"},
                                   {"config", bj::object{{"book", "b"}}},
                                   {"ttl", 5}})
                  .edge("later", "audit")
                  .build();
  ASSERT_EQ(more.steps.size(), 6u);
  EXPECT_EQ(more.steps[5].type.value(), "ledger_write");
  EXPECT_EQ(more.steps[5].extra.at("ttl"), 5);
  EXPECT_EQ(flowsdk::json::encode(more.steps[5]).at("ttl"), 5);
  tx::graph_step typed;
  typed.id = "x";
  typed.type = tx::step_type::branch;
  EXPECT_EQ(tx::graph_builder().step(typed).build().steps.at(0).id, "x");
}

TEST(TenexWorkflowsGraph, LocalChecksFailAtBuild) {
  auto problem = [](const tx::graph_builder& b) -> std::string {
    try {
      b.build();
    } catch (const flowsdk::error& e) {
      EXPECT_EQ(e.code(), errc::invalid_argument);
      return e.details().cause;
    }
    return "";
  };
  using B = tx::graph_builder;
  EXPECT_NE(problem(B().branch("", "no id")).find("empty id"), std::string::npos);
  EXPECT_NE(problem(B().branch("a", "A").branch("a", "again")).find("two steps have the id \"a\""), std::string::npos);
  EXPECT_NE(problem(B().branch("start", "S")).find("\"start\""), std::string::npos);
  EXPECT_NE(problem(B().branch("a", "A").edge("a", "b")).find("unknown step"), std::string::npos);
  EXPECT_NE(problem(B().branch("a", "A").edge("z", "a")).find("starts at an unknown step"), std::string::npos);
  EXPECT_NE(problem(B().branch("a", "A").edge("a", "start")).find("back to start"), std::string::npos);
  EXPECT_NE(problem(B().branch("a", "A").edge("", "a")).find("lacks an end"), std::string::npos);
  EXPECT_NE(problem(B().branch("a", "A").fallback("a", "nope")).find("falls back to the unknown step"),
            std::string::npos);
  EXPECT_NE(problem(B().branch("a", "A").fallback("a", "a")).find("itself"), std::string::npos);
  EXPECT_NE(problem(B().branch("a", "A").fallback("ghost", "a")).find("unknown step \"ghost\""), std::string::npos);
  tx::step_retry none;
  none.max_attempts = 0;
  EXPECT_NE(problem(B().branch("a", "A").retry("a", none)).find("max_attempts"), std::string::npos);
  EXPECT_NE(problem(B().wait_delay("w", "W", -1)).find("negative delay"), std::string::npos);
  EXPECT_NE(problem(B().wait_event("w", "W", "")).find("event_type"), std::string::npos);
  EXPECT_NE(problem(B().agent_step("a", "A", "")).find("crew_id"), std::string::npos);
  EXPECT_NE(problem(B().connector_action("c", "C", "crm", "")).find("connector and an action"), std::string::npos);
  EXPECT_NE(problem(B().step(bj::object{{"id", 5}})).find("raw step"), std::string::npos);
  EXPECT_NE(problem(B::from_json(bj::parse("[1]"))).find("JSON object"), std::string::npos);
  EXPECT_NE(problem(B::from_json(bj::parse(R"({"steps":{"id":"a"}})"))).find("steps"), std::string::npos);
  EXPECT_NE(
      problem(B::from_json(bj::parse(R"({"steps":[{"id":"a","name":"A","config":{}}],"edges":[]})"))).find("no type"),
      std::string::npos);
  // The first problem is the one reported.
  EXPECT_NE(problem(B().agent_step("a", "A", "").wait_delay("w", "W", -1)).find("crew_id"), std::string::npos);
  // An empty graph is the server's to judge.
  EXPECT_EQ(problem(B()), "");
}
