// Every request the Imbrace client sends, checked against the gateway's OpenAPI documents
// (imbrace-workflow.openapi.json, imbrace-channel.openapi.json): path, method, query names and
// values, and body. The deviations are the ones docs/imbrace.md documents and are
// listed here one by one, so a new one fails the test.
#include "flowsdk/imbrace/client.hpp"

#include "flowsdk/testing/fake_network.hpp"
#include "support/openapi.hpp"
#include "support/run.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

namespace kit = flowsdk::testing;
namespace im = flowsdk::imbrace;
namespace bj = boost::json;

namespace {

std::string data_file(const char* name) {
  return (std::filesystem::path(__FILE__).parent_path().parent_path() / "data" / name).string();
}

// Query parameters the vendor SDKs send although the document does not list them (spec §15).
const std::map<std::string, std::set<std::string>> undocumented_query = {
    {"/activepieces/v1/flows", {"projectId"}},
    {"/activepieces/v1/flow-runs", {"projectId", "tags", "createdAfter", "createdBefore"}},
    {"/activepieces/v1/app-connections", {"projectId"}},
    {"/activepieces/v1/user-invitations", {"projectId"}},
    {"/channel-service/v1/workflows/channel_automation", {"channelType"}},
};

// Routes the SDKs call that the document lacks (spec §4.1 rows 17, 29 and §4.2).
const std::set<std::string> undocumented_routes = {
    "GET /activepieces/v1/app-connections/",  // getConnection
    "POST /activepieces/v1/mcp-servers/",     // updateMcpServer (not .../rotate)
    "GET /activepieces/v1/users/projects/current",
};

// Removes the allowed undocumented query pairs from a target.
std::string without_undocumented_query(const std::string& target) {
  auto q = target.find('?');
  if (q == std::string::npos) return target;
  const std::string path = target.substr(0, q);
  auto allowed = undocumented_query.find(path);
  if (allowed == undocumented_query.end()) return target;
  std::string kept;
  std::size_t start = q + 1;
  while (start <= target.size()) {
    auto end = target.find('&', start);
    if (end == std::string::npos) end = target.size();
    const std::string pair = target.substr(start, end - start);
    if (!allowed->second.count(pair.substr(0, pair.find('=')))) kept += (kept.empty() ? "?" : "&") + pair;
    start = end + 1;
  }
  return path + kept;
}

bool is_undocumented_route(const flowsdk::http::request& r) {
  const std::string method(boost::beast::http::to_string(r.method));
  const std::string path = r.target.substr(0, r.target.find('?'));
  for (const auto& route : undocumented_routes) {
    const auto space = route.find(' ');
    if (route.substr(0, space) != method) continue;
    const std::string prefix = route.substr(space + 1);
    if (prefix.back() == '/') {
      // One id segment after the prefix, nothing more.
      if (path.rfind(prefix, 0) == 0 && path.find('/', prefix.size()) == std::string::npos) return true;
    } else if (path == prefix) {
      return true;
    }
  }
  return false;
}

}  // namespace

TEST(ImbraceOpenApi, EveryRequestFitsTheGatewayDocuments) {
  auto net = std::make_shared<kit::fake_network>();
  im::client_options o;
  o.gateway = "https://gw.example.com";
  o.credentials = im::credentials::api_key("api_test");
  im::client client(std::make_shared<flowsdk::http::transport>(net), o);
  auto wf = client.workflows();
  auto run = [](auto awaitable) { return flowsdk::test::run(std::move(awaitable)); };
  auto first = [](auto paginator) { flowsdk::test::run(paginator.next()); };
  // Every answer is a plausible body for whichever call takes it.
  const std::string any = R"({"id":"x","projectId":"p","data":[],"next":null})";
  for (int i = 0; i < 64; ++i) net->push(kit::reply::status(200, any));

  im::list_flows_params lf;
  lf.limit = 5;
  lf.project_id = "p";
  lf.folder_id = "d";
  lf.status = im::flow_status::enabled;
  first(wf.list_flows(lf));
  run(wf.get_flow("f"));
  run(wf.create_flow(im::create_flow_request("Name", "p")));
  run(wf.delete_flow("f"));
  run(wf.apply_flow_operation("f", im::flow_operation::change_name("n")));
  run(wf.trigger_flow("f", bj::object{{"a", 1}}));
  run(wf.trigger_flow_sync("f", bj::object{{"a", 1}}));
  im::list_runs_params lr;
  lr.flow_id = "f";
  lr.status = im::flow_run_status::failed;
  lr.tags = {"t"};
  lr.created_after = "2026-01-01T00:00:00Z";
  first(wf.list_runs(lr));
  run(wf.get_run("r"));
  first(wf.list_folders());
  run(wf.get_folder("d"));
  run(wf.create_folder(im::create_folder_request("F", "p")));
  run(wf.update_folder("d", "G"));
  run(wf.delete_folder("d"));
  im::list_connections_params lc;
  lc.piece_name = "@activepieces/piece-http";
  lc.project_id = "p";
  first(wf.list_connections(lc));
  run(wf.get_connection("c"));
  run(wf.upsert_connection(im::upsert_connection_request("e", "D", "@activepieces/piece-http", "p",
                                                         im::connection_value::secret_text("s"))));
  run(wf.delete_connection("c"));
  net->push_front(kit::reply::status(200, "[]"));
  run(wf.list_pieces());
  run(wf.get_piece("@activepieces/piece-http", "0.5.0"));
  run(wf.get_trigger_run_status());
  im::test_trigger_request tt("f");
  tt.piece_name = "@activepieces/piece-webhook";
  run(wf.test_trigger(tt));
  first(wf.list_tables());
  run(wf.get_table("t"));
  net->push_front(kit::reply::status(200, "[]"));
  run(wf.list_fields("t"));
  run(wf.get_field("fl"));
  run(wf.create_field("t", "Name", im::field_type::text));
  run(wf.update_field("fl", "Other"));
  run(wf.delete_field("fl"));
  first(wf.list_records("t"));
  run(wf.get_record("r"));
  net->push_front(kit::reply::status(201, "[]"));
  run(wf.create_records("t", {{im::cell_input("fl", "v")}}));
  run(wf.update_record("r", "t", {im::cell_input("fl", "w")}));
  run(wf.delete_records({"r"}));
  im::list_mcp_servers_params lm;
  lm.project_id = "p";
  first(wf.list_mcp_servers(lm));
  run(wf.get_mcp_server("m"));
  run(wf.create_mcp_server(im::create_mcp_server_request("M", "p")));
  im::update_mcp_server_request um;
  um.name = "N";
  run(wf.update_mcp_server("m", um));
  run(wf.rotate_mcp_token("m"));
  run(wf.delete_mcp_server("m"));
  first(wf.list_invitations(im::list_invitations_params(im::invitation_type::project)));
  run(wf.delete_invitation("i"));
  run(wf.resolve_project_id());
  run(wf.list_channel_automation("whatsapp"));

  flowsdk::test::openapi_document engine(data_file("imbrace-workflow.openapi.json"));
  flowsdk::test::openapi_document channel(data_file("imbrace-channel.openapi.json"));
  std::size_t checked = 0, undocumented = 0;
  for (auto r : net->requests()) {
    if (r.target.rfind("/channel-service/", 0) == 0) {
      r.target = without_undocumented_query(r.target);
      EXPECT_EQ(channel.validate(r, "/channel-service/v1"), "") << r.target;
      ++checked;
      continue;
    }
    if (is_undocumented_route(r)) {
      ++undocumented;
      continue;
    }
    if (r.target.rfind("/activepieces/v1/webhooks/", 0) == 0) {
      // The SDKs send the payload itself; the document wraps it as {payload: ...} (spec §8).
      EXPECT_EQ(r.body, R"({"a":1})");
      r.body = bj::serialize(bj::object{{"payload", bj::parse(r.body)}});
    }
    r.target = without_undocumented_query(r.target);
    EXPECT_EQ(engine.validate(r, "/activepieces"), "")
        << boost::beast::http::to_string(r.method) << " " << r.target << " " << r.body;
    ++checked;
  }
  EXPECT_EQ(undocumented, 3u);
  EXPECT_EQ(checked, 41u);
}
