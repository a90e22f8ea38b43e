// The rest of the workflows surface on the wire, against a fake network: each method's method,
// route, query and body, as docs/imbrace.md maps them and the OpenAPI
// documents in test/data/ declare them.
#include "flowsdk/imbrace/client.hpp"

#include "flowsdk/testing/fake_network.hpp"
#include "support/run.hpp"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

namespace kit = flowsdk::testing;
namespace im = flowsdk::imbrace;
namespace bj = boost::json;
using flowsdk::errc;
using flowsdk::http::verb;

namespace {

constexpr const char* flow_json = R"({"id":"f1","projectId":"p1","status":"DISABLED","version":{"id":"v1"}})";
constexpr const char* empty_page = R"({"data":[],"next":null,"previous":null})";

class Surface : public ::testing::Test {
 protected:
  std::shared_ptr<kit::fake_network> net = std::make_shared<kit::fake_network>();
  im::client client = make();
  im::workflows wf = client.workflows();

  im::client make() {
    im::client_options o;
    o.gateway = "https://gw.example.com";
    o.channel_service_url = "https://channels.example.com/cs";
    o.credentials = im::credentials::api_key("api_test");
    return im::client(std::make_shared<flowsdk::http::transport>(net), o);
  }

  template <class T>
  T run(boost::asio::awaitable<T> a) {
    return flowsdk::test::run(std::move(a));
  }
  void run(boost::asio::awaitable<void> a) { flowsdk::test::run(std::move(a)); }

  template <class T>
  void drain_first(flowsdk::paginator<T> p) {
    flowsdk::test::run(p.next());
  }

  void reply(unsigned status, std::string body) { net->push(kit::reply::status(status, std::move(body))); }
  const flowsdk::http::request& last() const { return net->requests().back(); }
  void expect(verb m, const std::string& target) const {
    EXPECT_EQ(last().method, m);
    EXPECT_EQ(last().target, target);
  }
  void expect_body(const char* json) const { EXPECT_EQ(bj::parse(last().body), bj::parse(json)) << last().body; }
};

}  // namespace

TEST_F(Surface, TypedFlowOperationsHaveTheEngineShapes) {
  reply(200, flow_json);
  run(wf.apply_flow_operation("f1", im::flow_operation::change_name("New")));
  expect(verb::post, "/activepieces/v1/flows/f1");
  expect_body(R"({"type":"CHANGE_NAME","request":{"displayName":"New"}})");

  reply(200, flow_json);
  run(wf.apply_flow_operation("f1", im::flow_operation::change_status(im::flow_status::enabled)));
  expect_body(R"({"type":"CHANGE_STATUS","request":{"status":"ENABLED"}})");

  reply(200, flow_json);
  run(wf.apply_flow_operation("f1", im::flow_operation::change_folder(std::nullopt)));
  expect_body(R"({"type":"CHANGE_FOLDER","request":{"folderId":null}})");

  reply(200, flow_json);
  run(wf.apply_flow_operation("f1", im::flow_operation::lock_and_publish()));
  expect_body(R"({"type":"LOCK_AND_PUBLISH","request":{}})");

  reply(200, flow_json);
  run(wf.apply_flow_operation("f1", im::flow_operation::delete_action("step_2")));
  expect_body(R"({"type":"DELETE_ACTION","request":{"name":"step_2"}})");

  reply(200, flow_json);
  run(wf.apply_flow_operation("f1", im::flow_operation::update_trigger(im::flow_trigger::webhook())));
  expect_body(R"({"type":"UPDATE_TRIGGER","request":{"name":"trigger","valid":true,"displayName":"Catch Webhook",
    "type":"PIECE_TRIGGER","settings":{"pieceName":"@activepieces/piece-webhook","pieceVersion":"0.1.24",
    "triggerName":"catch_webhook","propertySettings":{"authType":{"type":"MANUAL"}},"inputUiInfo":{},
    "packageType":"REGISTRY","pieceType":"OFFICIAL","input":{"authType":"none"}}}})");

  reply(200, flow_json);
  auto code = im::flow_action::code("step_1", "Compute", "export const code = async () => 1;");
  run(wf.apply_flow_operation("f1", im::flow_operation::add_action("trigger", im::step_location::after, code)));
  auto body = bj::parse(last().body);
  EXPECT_EQ(body.at("type"), "ADD_ACTION");
  EXPECT_EQ(body.at("request").at("parentStep"), "trigger");
  EXPECT_EQ(body.at("request").at("stepLocationRelativeToParent"), "AFTER");
  EXPECT_EQ(body.at("request").at("action").at("type"), "CODE");
  EXPECT_EQ(body.at("request").at("action").at("settings").at("sourceCode").at("packageJson"), "{}");

  reply(200, flow_json);
  run(wf.apply_flow_operation("f1", im::flow_operation::raw("DUPLICATE_ACTION", bj::object{{"stepName", "step_1"}})));
  expect_body(R"({"type":"DUPLICATE_ACTION","request":{"stepName":"step_1"}})");

  EXPECT_THROW(im::flow_operation::raw("", {}), flowsdk::error);
  EXPECT_THROW(im::flow_operation::add_action("", im::step_location::after, code), flowsdk::error);
}

TEST_F(Surface, BuildFlowNumbersStepsAndPlacesLoopBodiesInsideTheirLoops) {
  for (int i = 0; i < 8; ++i) reply(i == 0 ? 201 : 200, flow_json);
  im::flow_spec spec("Built", im::flow_trigger::webhook());
  spec.project_id = "p1";
  im::flow_step loop(im::flow_action::loop_on_items("", "Each item", "{{trigger.body.items}}"));
  loop.children.emplace_back(im::flow_action::code("", "Inside 1", "export const code = async () => 1;"));
  loop.children.emplace_back(im::flow_action::code("", "Inside 2", "export const code = async () => 2;"));
  spec.steps.emplace_back(im::flow_action::code("", "First", "export const code = async () => 0;"));
  spec.steps.push_back(std::move(loop));
  spec.steps.emplace_back(im::flow_action::return_response("", bj::object{{"ok", true}}));
  spec.publish = true;
  run(wf.build_flow(spec));

  ASSERT_EQ(net->requests().size(), 9u);
  EXPECT_EQ(net->requests()[0].target, "/activepieces/v1/flows");
  EXPECT_EQ(bj::parse(net->requests()[1].body).at("type"), "UPDATE_TRIGGER");
  struct expected {
    const char* name;
    const char* parent;
    const char* where;
  };
  const expected steps[] = {{"step_1", "trigger", "AFTER"},
                            {"step_2", "step_1", "AFTER"},
                            {"step_3", "step_2", "INSIDE_LOOP"},
                            {"step_4", "step_3", "AFTER"},
                            {"step_5", "step_2", "AFTER"}};
  for (int i = 0; i < 5; ++i) {
    auto op = bj::parse(net->requests()[2 + i].body);
    EXPECT_EQ(op.at("type"), "ADD_ACTION");
    EXPECT_EQ(op.at("request").at("action").at("name"), steps[i].name) << i;
    EXPECT_EQ(op.at("request").at("parentStep"), steps[i].parent) << i;
    EXPECT_EQ(op.at("request").at("stepLocationRelativeToParent"), steps[i].where) << i;
  }
  EXPECT_EQ(bj::parse(net->requests()[7].body).at("type"), "LOCK_AND_PUBLISH");
  EXPECT_EQ(net->requests()[8].method, verb::get);
  EXPECT_EQ(net->requests()[8].target, "/activepieces/v1/flows/f1");
}

TEST_F(Surface, BuildFlowRejectsChildrenOnANonLoopStep) {
  reply(201, flow_json);
  reply(200, flow_json);
  im::flow_spec spec("Bad", im::flow_trigger::webhook());
  spec.project_id = "p1";
  im::flow_step not_a_loop(im::flow_action::code("", "x", "export const code = async () => 0;"));
  not_a_loop.children.emplace_back(im::flow_action::code("", "y", "export const code = async () => 0;"));
  spec.steps.push_back(std::move(not_a_loop));
  try {
    run(wf.build_flow(spec));
    FAIL();
  } catch (const flowsdk::error& e) {
    EXPECT_EQ(e.code(), errc::invalid_argument);
  }
}

TEST_F(Surface, Folders) {
  reply(200, empty_page);
  flowsdk::test::run(wf.list_folders().next());
  expect(verb::get, "/activepieces/v1/folders");
  reply(200, R"({"id":"d1","displayName":"Ops","projectId":"p1"})");
  EXPECT_EQ(run(wf.get_folder("d1")).display_name, "Ops");
  expect(verb::get, "/activepieces/v1/folders/d1");
  reply(200, R"({"id":"d1"})");
  run(wf.create_folder(im::create_folder_request("Ops", "p1")));
  expect(verb::post, "/activepieces/v1/folders");
  expect_body(R"({"displayName":"Ops","projectId":"p1"})");
  reply(200, R"({"id":"d1"})");
  run(wf.update_folder("d1", "Ops 2"));
  expect(verb::post, "/activepieces/v1/folders/d1");
  expect_body(R"({"displayName":"Ops 2"})");
  reply(200, "");
  run(wf.delete_folder("d1"));
  expect(verb::delete_, "/activepieces/v1/folders/d1");
}

TEST_F(Surface, ConnectionsSendTheTypedValueAndFilters) {
  reply(200, empty_page);
  im::list_connections_params p;
  p.project_id = "p1";
  p.piece_name = "@activepieces/piece-slack";
  p.limit = 5;
  flowsdk::test::run(wf.list_connections(p).next());
  expect(verb::get, "/activepieces/v1/app-connections?projectId=p1&pieceName=%40activepieces%2Fpiece-slack&limit=5");

  reply(201, R"({"id":"c1","type":"BASIC_AUTH","projectIds":["p1"]})");
  im::upsert_connection_request req("ext-1", "Billing API", "@activepieces/piece-http", "p1",
                                    im::connection_value::basic_auth("user", "s3cret"));
  auto c = run(wf.upsert_connection(req));
  EXPECT_TRUE(c.type == im::connection_type::basic_auth);
  EXPECT_EQ(c.project_ids, std::vector<std::string>{"p1"});
  expect(verb::post, "/activepieces/v1/app-connections");
  expect_body(R"({"externalId":"ext-1","displayName":"Billing API","pieceName":"@activepieces/piece-http",
    "projectId":"p1","type":"BASIC_AUTH","value":{"type":"BASIC_AUTH","username":"user","password":"s3cret"}})");
  EXPECT_EQ(req.value.describe().find("s3cret"), std::string::npos);

  EXPECT_EQ(im::connection_value::secret_text("x").to_json().at("secret_text"), "x");
  EXPECT_EQ(im::connection_value::no_auth().to_json(), bj::parse(R"({"type":"NO_AUTH"})"));
  im::oauth2_grant grant("cid", "code", "https://app/cb");
  grant.client_secret = "cs";
  EXPECT_EQ(im::connection_value::oauth2(grant).to_json().at("client_secret"), "cs");
  EXPECT_FALSE(
      im::connection_value::cloud_oauth2(im::oauth2_grant("cid", "code", "u")).to_json().contains("client_secret"));

  reply(200, R"({"id":"c1"})");
  run(wf.get_connection("c1"));
  expect(verb::get, "/activepieces/v1/app-connections/c1");
  reply(204, "");
  run(wf.delete_connection("c1"));
  expect(verb::delete_, "/activepieces/v1/app-connections/c1");
}

TEST_F(Surface, PiecesAreABareArrayAndNamesAreEncoded) {
  reply(200, R"([{"name":"@activepieces/piece-http","actions":3,"triggers":0,"version":"0.5.0"}])");
  auto pieces = run(wf.list_pieces());
  ASSERT_EQ(pieces.size(), 1u);
  EXPECT_EQ(pieces[0].actions, 3);
  expect(verb::get, "/activepieces/v1/pieces");

  reply(200, R"({"name":"@activepieces/piece-http","actions":{"send_request":{}},"triggers":{}})");
  auto p = run(wf.get_piece("@activepieces/piece-http", "0.5.0"));
  EXPECT_TRUE(p.actions.contains("send_request"));
  expect(verb::get, "/activepieces/v1/pieces/%40activepieces%2Fpiece-http?version=0.5.0");
}

TEST_F(Surface, TriggerStatusAndTestTrigger) {
  reply(200, R"({"pieces":{"@activepieces/piece-webhook":{"dailyStats":{"2026-11-22":{"success":3,"failure":1}}}}})");
  auto s = run(wf.get_trigger_run_status());
  EXPECT_EQ(s.pieces.at("@activepieces/piece-webhook").daily_stats.at("2026-11-22").failure, 1);
  expect(verb::get, "/activepieces/v1/trigger-runs/status");

  reply(200, R"({"ok":true})");
  im::test_trigger_request t("f1");
  t.piece_name = "@activepieces/piece-webhook";
  run(wf.test_trigger(t));
  expect(verb::post, "/activepieces/v1/test-trigger");
  expect_body(R"({"flowId":"f1","pieceName":"@activepieces/piece-webhook"})");
}

TEST_F(Surface, TablesFieldsAndRecords) {
  reply(200, empty_page);
  flowsdk::test::run(wf.list_tables().next());
  expect(verb::get, "/activepieces/v1/tables");
  reply(200, R"({"id":"t1","name":"Leads"})");
  run(wf.get_table("t1"));
  expect(verb::get, "/activepieces/v1/tables/t1");

  reply(200, R"([{"id":"fl1","name":"Email","type":"TEXT","tableId":"t1"}])");
  auto fields = run(wf.list_fields("t1"));
  ASSERT_EQ(fields.size(), 1u);
  EXPECT_TRUE(fields[0].type == im::field_type::text);
  expect(verb::get, "/activepieces/v1/fields?tableId=t1");
  reply(200, R"({"data":[{"id":"fl1"}]})");  // also accepted wrapped
  EXPECT_EQ(run(wf.list_fields("t1")).size(), 1u);

  reply(200, R"({"id":"fl2"})");
  run(wf.create_field("t1", "Score", im::field_type::number));
  expect(verb::post, "/activepieces/v1/fields");
  expect_body(R"({"tableId":"t1","name":"Score","type":"NUMBER"})");
  reply(200, R"({"id":"fl2"})");
  run(wf.update_field("fl2", "Rank"));
  expect(verb::post, "/activepieces/v1/fields/fl2");
  expect_body(R"({"name":"Rank"})");
  reply(200, R"({"id":"fl2"})");
  run(wf.get_field("fl2"));
  expect(verb::get, "/activepieces/v1/fields/fl2");
  reply(200, "");
  run(wf.delete_field("fl2"));
  expect(verb::delete_, "/activepieces/v1/fields/fl2");

  reply(200, empty_page);
  im::page_params pp;
  pp.limit = 3;
  flowsdk::test::run(wf.list_records("t1", pp).next());
  expect(verb::get, "/activepieces/v1/records?tableId=t1&limit=3");

  reply(201, R"([{"id":"r1","tableId":"t1","cells":{"fl1":{"value":"a@b.c","fieldName":"Email"}}}])");
  auto created = run(wf.create_records("t1", {{im::cell_input("fl1", "a@b.c")}}));
  ASSERT_EQ(created.size(), 1u);
  EXPECT_EQ(created[0].cells.at("fl1").value, "a@b.c");
  expect(verb::post, "/activepieces/v1/records");
  expect_body(R"({"tableId":"t1","records":[[{"fieldId":"fl1","value":"a@b.c"}]]})");

  reply(200, R"({"id":"r1"})");
  run(wf.update_record("r1", "t1", {im::cell_input("fl1", 5)}));
  expect(verb::post, "/activepieces/v1/records/r1");
  expect_body(R"({"tableId":"t1","cells":[{"fieldId":"fl1","value":5}]})");
  reply(200, R"({"id":"r1"})");
  run(wf.get_record("r1"));
  expect(verb::get, "/activepieces/v1/records/r1");
  reply(200, "[]");
  run(wf.delete_records({"r1", "r2"}));
  expect(verb::delete_, "/activepieces/v1/records");
  expect_body(R"({"ids":["r1","r2"]})");

  const auto before = net->requests().size();
  EXPECT_THROW(run(wf.list_fields("")), flowsdk::error);
  EXPECT_THROW(flowsdk::test::run(wf.list_records("").next()), flowsdk::error);
  EXPECT_EQ(net->requests().size(), before);
}

TEST_F(Surface, TheProjectLookupDoesNotCarryTheCallsHeadersOrQuery) {
  reply(200, R"({"id":"proj_1","displayName":"Main"})");  // /users/projects/current
  reply(200, R"({"id":"m3","token":"tok","projectId":"proj_1","tools":[]})");
  flowsdk::request_options o;
  o.extra_query = {{"trace", "1"}};
  o.extra_headers = {{"X-Debug", "yes"}};
  o.idempotency_key = "k1";
  run(wf.create_mcp_server(im::create_mcp_server_request("Agent tools"), o));
  ASSERT_EQ(net->requests().size(), 2u);
  const auto& lookup = net->requests()[0];
  EXPECT_EQ(lookup.target, "/activepieces/v1/users/projects/current");
  for (const auto& [name, value] : lookup.headers) {
    EXPECT_NE(name, "X-Debug");
    EXPECT_NE(name, "Idempotency-Key");
  }
  EXPECT_EQ(net->requests()[1].target, "/activepieces/v1/mcp-servers?trace=1");  // the call keeps them
}

TEST_F(Surface, McpServersResolveTheProjectOnceAndPageFully) {
  reply(200, R"({"id":"proj_1","displayName":"Main"})");  // /users/projects/current
  reply(200, R"({"data":[{"id":"m1","tools":[]}],"next":"c2"})");
  reply(200, R"({"data":[{"id":"m2","tools":[{"type":"FLOW","flowId":"f1","toolName":"t"}]}],"next":null})");
  auto servers = wf.list_mcp_servers();
  auto walk = [&]() -> boost::asio::awaitable<std::vector<std::string>> {
    std::vector<std::string> ids;
    while (auto s = co_await servers.next()) ids.push_back(s->id);
    co_return ids;
  };
  EXPECT_EQ(flowsdk::test::run(walk()), (std::vector<std::string>{"m1", "m2"}));
  ASSERT_EQ(net->requests().size(), 3u);
  EXPECT_EQ(net->requests()[0].target, "/activepieces/v1/users/projects/current");
  EXPECT_EQ(net->requests()[1].target, "/activepieces/v1/mcp-servers?projectId=proj_1");
  EXPECT_EQ(net->requests()[2].target, "/activepieces/v1/mcp-servers?projectId=proj_1&cursor=c2");

  // Cached: creating a server resolves nothing again.
  reply(200, R"({"id":"m3","token":"tok","projectId":"proj_1","tools":[]})");
  auto created = run(wf.create_mcp_server(im::create_mcp_server_request("Agent tools")));
  EXPECT_EQ(created.token, "tok");
  expect(verb::post, "/activepieces/v1/mcp-servers");
  expect_body(R"({"name":"Agent tools","projectId":"proj_1"})");

  reply(200, R"({"id":"m3","tools":[]})");
  im::update_mcp_server_request u;
  u.tools = std::vector<im::mcp_tool_input>{
      im::mcp_tool_input::flow("run_report", "f1"),
      im::mcp_tool_input::piece("post", "@activepieces/piece-slack", "0.5.0", "send_message", "slack-conn")};
  run(wf.update_mcp_server("m3", u));
  expect(verb::post, "/activepieces/v1/mcp-servers/m3");
  expect_body(R"({"tools":[{"type":"FLOW","toolName":"run_report","flowId":"f1"},
    {"type":"PIECE","toolName":"post","pieceMetadata":{"pieceName":"@activepieces/piece-slack",
    "pieceVersion":"0.5.0","actionName":"send_message","connectionExternalId":"slack-conn"}}]})");

  reply(200, R"({"id":"m3","token":"new"})");
  EXPECT_EQ(run(wf.rotate_mcp_token("m3")).token, "new");
  expect(verb::post, "/activepieces/v1/mcp-servers/m3/rotate");
  reply(200, R"({"id":"m3"})");
  run(wf.get_mcp_server("m3"));
  expect(verb::get, "/activepieces/v1/mcp-servers/m3");
  reply(204, "");
  run(wf.delete_mcp_server("m3"));
  expect(verb::delete_, "/activepieces/v1/mcp-servers/m3");
}

TEST_F(Surface, ProjectResolutionFallsBackToTheFirstFlowAndFailsClearly) {
  reply(404, R"({"statusCode":404,"error":"Not Found","message":"Route GET:/v1/users/projects/current not found"})");
  reply(200, R"({"data":[{"id":"f1","projectId":"proj_from_flow"}],"next":null})");
  EXPECT_EQ(run(wf.resolve_project_id()), "proj_from_flow");
  EXPECT_EQ(net->requests().back().target, "/activepieces/v1/flows?limit=1");

  auto fresh = make().workflows();
  reply(404, "{}");
  reply(200, empty_page);
  try {
    run(fresh.resolve_project_id());
    FAIL();
  } catch (const flowsdk::error& e) {
    EXPECT_EQ(e.code(), errc::not_found);
    EXPECT_NE(std::string(e.what()).find("pass the project id explicitly"), std::string::npos);
  }
}

TEST_F(Surface, InvitationsSendTheTypedType) {
  reply(200, empty_page);
  im::list_invitations_params p(im::invitation_type::project);
  p.project_id = "p1";
  flowsdk::test::run(wf.list_invitations(p).next());
  expect(verb::get, "/activepieces/v1/user-invitations?type=PROJECT&projectId=p1");
  reply(200, empty_page);
  flowsdk::test::run(wf.list_invitations(im::list_invitations_params(im::invitation_type::platform)).next());
  expect(verb::get, "/activepieces/v1/user-invitations?type=PLATFORM");
  reply(204, "");
  run(wf.delete_invitation("i1"));
  expect(verb::delete_, "/activepieces/v1/user-invitations/i1");
}

TEST_F(Surface, ChannelAutomationUsesTheChannelServiceBase) {
  reply(200, R"({"data":[{"id":"a1","name":"Welcome","active":true,"tags":[{"id":"t","name":"vip"}]}]})");
  auto items = run(wf.list_channel_automation("whatsapp"));
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].tags[0].name, "vip");
  EXPECT_EQ(net->last_request().origin.host, "channels.example.com");
  expect(verb::get, "/cs/v1/workflows/channel_automation?channelType=whatsapp");
}
