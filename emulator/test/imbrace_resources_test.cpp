// The Imbrace workflow resources beside flows and runs: folders, app connections, pieces, triggers,
// tables, fields, records, MCP servers, invitations, projects.

#include "flowsdk/emulator/server.hpp"
#include "test_client.hpp"

#include <gtest/gtest.h>

#include <set>

namespace flowsdk::emulator::test {
namespace {

constexpr const char* ap = "/activepieces/v1";

server_options plain_options() {
  server_options o;
  o.tls = false;
  o.imbrace.run_duration = std::chrono::milliseconds(50);
  return o;
}

class Resources : public ::testing::Test {
 protected:
  explicit Resources(server_options o = plain_options()) : server_(std::move(o)) {}

  std::uint16_t port() { return server_->port(); }
  const seed_data& seed() { return server_->seed(); }
  response get(const std::string& path) { return call(port(), http::verb::get, ap + path); }
  response post(const std::string& path, const std::string& body) {
    return call(port(), http::verb::post, ap + path, body);
  }
  response del(const std::string& path, const std::string& body = {}) {
    return call(port(), http::verb::delete_, ap + path, body);
  }
  json::value ok(const response& res, int status = 200) {
    EXPECT_EQ(res.result_int(), status) << res.body();
    return res.body().empty() ? json::value(nullptr) : parse(res);
  }
  // A 4xx answer and its body; checks the error's shape.
  json::object error(const response& res, int status) {
    EXPECT_EQ(res.result_int(), status) << res.body();
    auto body = parse(res).as_object();
    if (status == 400) {
      EXPECT_EQ(body.at("statusCode"), 400);
      EXPECT_EQ(body.at("error"), "Bad Request");
      EXPECT_TRUE(body.at("message").is_string());
    }
    return body;
  }
  void expect_not_found(const response& res, std::string_view entity_type) {
    const auto body = error(res, 404);
    EXPECT_EQ(body.at("code"), "ENTITY_NOT_FOUND") << res.body();
    EXPECT_EQ(std::string(body.at("params").at("entityType").as_string()), entity_type) << res.body();
  }
  void expect_validation(const response& res, std::string_view message = {}) {
    const auto body = error(res, 400);
    EXPECT_EQ(body.at("code"), "FST_ERR_VALIDATION");
    if (!message.empty()) {
      EXPECT_EQ(std::string(body.at("message").as_string()), message);
    }
  }

  // Follows `next` from the first page; every page but the last is full. Returns the ids in order.
  std::vector<std::string> walk(const std::string& path, std::size_t limit) {
    std::vector<std::string> ids;
    std::string cursor;
    const char sep = path.find('?') == std::string::npos ? '?' : '&';
    for (int pages = 0; pages < 100; ++pages) {
      std::string target = path + sep + "limit=" + std::to_string(limit);
      if (!cursor.empty()) target += "&cursor=" + cursor;
      auto page = ok(get(target)).as_object();
      const auto& data = page.at("data").as_array();
      for (const auto& item : data) ids.emplace_back(item.at("id").as_string());
      EXPECT_EQ(pages == 0, page.at("previous").is_null());
      if (page.at("next").is_null()) return ids;
      EXPECT_EQ(data.size(), limit);
      cursor = page.at("next").as_string();
    }
    ADD_FAILURE() << "no last page";
    return ids;
  }

  std::string project() { return seed().imbrace.project_id; }

  background_server server_;
};

std::size_t distinct(const std::vector<std::string>& ids) {
  return std::set<std::string>(ids.begin(), ids.end()).size();
}

// ---------------------------------------------------------------------------------------------
// Folders

TEST_F(Resources, FolderLifecycle) {
  auto folder = ok(post("/folders", R"({"displayName":"Reports","projectId":")" + project() + R"("})")).as_object();
  const std::string id(folder.at("id").as_string());
  EXPECT_EQ(folder.at("displayName"), "Reports");
  EXPECT_EQ(folder.at("projectId"), project());
  for (const auto* key : {"created", "updated"}) EXPECT_TRUE(folder.at(key).is_string());

  EXPECT_EQ(ok(get("/folders/" + id)).at("displayName"), "Reports");
  auto renamed = ok(post("/folders/" + id, R"({"displayName":"Monthly reports"})")).as_object();
  EXPECT_EQ(renamed.at("displayName"), "Monthly reports");
  EXPECT_NE(renamed.at("updated"), folder.at("updated"));

  // A name already used in the project: 409 VALIDATION.
  EXPECT_EQ(error(post("/folders", R"({"displayName":"onboarding"})"), 409).at("code"), "VALIDATION");
  expect_validation(post("/folders", R"({"projectId":"x"})"), "body must have required property 'displayName'");

  // Flows: CHANGE_FOLDER accepts it, list_flows filters by it, deleting it uncategorises them.
  auto flow = ok(post("/flows", R"({"displayName":"In a folder"})"), 201).as_object();
  const std::string flow_id(flow.at("id").as_string());
  ok(post("/flows/" + flow_id, R"({"type":"CHANGE_FOLDER","request":{"folderId":")" + id + R"("}})"));
  auto in_folder = ok(get("/flows?folderId=" + id)).as_object();
  ASSERT_EQ(in_folder.at("data").as_array().size(), 1u);
  EXPECT_EQ(in_folder.at("data").as_array()[0].at("id"), flow_id);
  EXPECT_EQ(ok(get("/folders/" + id)).at("numberOfFlows"), 1);

  auto res = del("/folders/" + id);
  EXPECT_EQ(res.result_int(), 200);
  EXPECT_EQ(res[http::field::content_length], "0");
  EXPECT_TRUE(res.body().empty());
  expect_not_found(get("/folders/" + id), "folder");
  expect_not_found(del("/folders/" + id), "folder");
  expect_not_found(post("/folders/" + id, R"({"displayName":"x"})"), "folder");
  EXPECT_TRUE(ok(get("/flows/" + flow_id)).at("folderId").is_null());
  EXPECT_EQ(ok(get("/flows?folderId=" + id)).at("data").as_array().size(), 0u);
}

TEST_F(Resources, FolderPaging) {
  for (int i = 0; i < 5; ++i) ok(post("/folders", R"({"displayName":"Folder )" + std::to_string(i) + R"("})"));
  const auto ids = walk("/folders", 2);
  EXPECT_EQ(ids.size(), 7u);  // 2 seeded
  EXPECT_EQ(distinct(ids), 7u);
  expect_validation(get("/folders?limit=0"));
  expect_validation(get("/folders?limit=101"));
  expect_validation(get("/folders?cursor=garbage"));
}

TEST_F(Resources, SeededFolderHoldsTheDraftFlow) {
  auto page = ok(get("/flows?folderId=" + seed().imbrace.folder_id)).as_object();
  ASSERT_EQ(page.at("data").as_array().size(), 1u);
  EXPECT_EQ(page.at("data").as_array()[0].at("id"), seed().imbrace.disabled_flow_id);
  auto uncategorised = ok(get("/flows?folderId=NULL")).as_object();
  for (const auto& f : uncategorised.at("data").as_array()) EXPECT_TRUE(f.at("folderId").is_null());
}

// ---------------------------------------------------------------------------------------------
// App connections

std::string connection_body(const std::string& project, const std::string& external_id, const std::string& name,
                            const std::string& type, const std::string& value) {
  return R"({"externalId":")" + external_id + R"(","displayName":")" + name +
         R"(","pieceName":"@activepieces/piece-http","projectId":")" + project + R"(","type":")" + type +
         R"(","value":)" + value + "}";
}

TEST_F(Resources, ConnectionUpsertReplacesByExternalIdAndHidesTheSecret) {
  const auto body =
      connection_body(project(), "crm", "CRM", "SECRET_TEXT", R"({"type":"SECRET_TEXT","secret_text":"s3cr3t-one"})");
  auto res = post("/app-connections", body);
  EXPECT_EQ(res.body().find("s3cr3t"), std::string::npos);
  auto first = ok(res, 201).as_object();
  const std::string id(first.at("id").as_string());
  EXPECT_EQ(first.at("externalId"), "crm");
  EXPECT_EQ(first.at("pieceName"), "@activepieces/piece-http");
  EXPECT_EQ(first.at("type"), "SECRET_TEXT");
  EXPECT_EQ(first.at("scope"), "PROJECT");
  EXPECT_EQ(first.at("status"), "ACTIVE");
  EXPECT_EQ(first.at("projectIds"), json::array{json::value(project())});
  EXPECT_FALSE(first.contains("value"));
  for (const auto* key : {"created", "updated", "platformId", "ownerId", "metadata", "flowIds"})
    EXPECT_TRUE(first.contains(key)) << key;

  // Same externalId: the same connection, replaced.
  res = post("/app-connections", connection_body(project(), "crm", "CRM (rotated)", "BASIC_AUTH",
                                                 R"({"type":"BASIC_AUTH","username":"u","password":"s3cr3t-two"})"));
  auto second = ok(res, 201).as_object();
  EXPECT_EQ(second.at("id"), id);
  EXPECT_EQ(second.at("created"), first.at("created"));
  EXPECT_NE(second.at("updated"), first.at("updated"));
  EXPECT_EQ(second.at("displayName"), "CRM (rotated)");
  EXPECT_EQ(second.at("type"), "BASIC_AUTH");

  res = get("/app-connections/" + id);
  EXPECT_EQ(res.body().find("s3cr3t"), std::string::npos);
  EXPECT_EQ(ok(res).at("displayName"), "CRM (rotated)");
  res = get("/app-connections?limit=100");
  EXPECT_EQ(res.body().find("s3cr3t"), std::string::npos);
  EXPECT_EQ(res.body().find("xoxb"), std::string::npos);  // the seed's secret
  std::size_t crm = 0;
  const auto list = ok(res);
  for (const auto& c : list.at("data").as_array()) crm += c.at("externalId") == "crm";
  EXPECT_EQ(crm, 1u);

  res = del("/app-connections/" + id);
  EXPECT_EQ(res.result_int(), 204);
  EXPECT_EQ(res[http::field::content_length], "0");
  expect_not_found(get("/app-connections/" + id), "app_connection");
  expect_not_found(del("/app-connections/" + id), "app_connection");
}

TEST_F(Resources, ConnectionValueIsValidatedPerType) {
  const auto p = project();
  expect_validation(post("/app-connections", connection_body(p, "a", "A", "SECRET_TEXT", R"({"type":"SECRET_TEXT"})")),
                    "body/value must have required property 'secret_text'");
  expect_validation(
      post("/app-connections", connection_body(p, "a", "A", "BASIC_AUTH", R"({"type":"BASIC_AUTH","username":"u"})")),
      "body/value must have required property 'password'");
  expect_validation(post("/app-connections", connection_body(p, "a", "A", "CUSTOM_AUTH", R"({"type":"CUSTOM_AUTH"})")),
                    "body/value must have required property 'props'");
  expect_validation(post("/app-connections", connection_body(p, "a", "A", "OAUTH2", R"({"type":"OAUTH2"})")),
                    "body/value must have required property 'client_id'");
  expect_validation(
      post("/app-connections", connection_body(p, "a", "A", "SECRET_TEXT", R"({"type":"NO_AUTH","secret_text":"x"})")),
      "body/value/type must be equal to constant");
  expect_validation(post("/app-connections", connection_body(p, "a", "A", "MAGIC", R"({"type":"MAGIC"})")),
                    "body/type must be equal to one of the allowed values");
  expect_validation(post("/app-connections", R"({"displayName":"x"})"),
                    "body must have required property 'externalId'");
  // Every variant that is complete is accepted.
  for (const auto& [type, value] : std::vector<std::pair<std::string, std::string>>{
           {"NO_AUTH", R"({"type":"NO_AUTH"})"},
           {"CUSTOM_AUTH", R"({"type":"CUSTOM_AUTH","props":{"apiKey":"k"}})"},
           {"OAUTH2", R"({"type":"OAUTH2","client_id":"c","client_secret":"s","code":"x","redirect_url":"https://a"})"},
           {"CLOUD_OAUTH2", R"({"type":"CLOUD_OAUTH2","client_id":"c","code":"x"})"},
           {"PLATFORM_OAUTH2", R"({"type":"PLATFORM_OAUTH2","client_id":"c","code":"x"})"}})
    ok(post("/app-connections", connection_body(p, "ext-" + type, type, type, value)), 201);
  expect_not_found(get("/app-connections/unknown"), "app_connection");
}

TEST_F(Resources, ConnectionPagingAndFilters) {
  for (int i = 0; i < 5; ++i)
    ok(post("/app-connections",
            connection_body(project(), "c" + std::to_string(i), "C", "NO_AUTH", R"({"type":"NO_AUTH"})")),
       201);
  const auto ids = walk("/app-connections", 3);
  EXPECT_EQ(ids.size(), 7u);  // 2 seeded
  EXPECT_EQ(distinct(ids), 7u);
  EXPECT_EQ(walk("/app-connections?pieceName=%40activepieces%2Fpiece-http", 10).size(), 5u);
  EXPECT_EQ(walk("/app-connections?projectId=" + project() + "&pieceName=@activepieces/piece-slack", 10).size(), 1u);
  EXPECT_EQ(walk("/app-connections?projectId=elsewhere", 10).size(), 0u);
  expect_validation(get("/app-connections?limit=x"));
}

TEST_F(Resources, ConnectionFlowIdsFollowReferences) {
  auto flow = ok(post("/flows", R"({"displayName":"Uses slack"})"), 201).as_object();
  const std::string flow_id(flow.at("id").as_string());
  ok(post("/flows/" + flow_id, R"({"type":"UPDATE_TRIGGER","request":{"name":"trigger","valid":true,
    "displayName":"Catch Webhook","type":"PIECE_TRIGGER","settings":{"pieceName":"@activepieces/piece-webhook",
    "pieceVersion":"0.1.24","triggerName":"catch_webhook","input":{},"propertySettings":{}}}})"));
  ok(post("/flows/" + flow_id, R"({"type":"ADD_ACTION","request":{"parentStep":"trigger","action":{"name":"step_1",
    "valid":true,"displayName":"Send","type":"PIECE","settings":{"pieceName":"@activepieces/piece-slack",
    "pieceVersion":"0.9.1","actionName":"send_channel_message","propertySettings":{},
    "input":{"auth":"{{connections['slack-seed']}}","channel":"C1","text":"hi"}}}}})"));
  EXPECT_EQ(ok(get("/app-connections/" + seed().imbrace.connection_id)).at("flowIds"),
            json::array{json::value(flow_id)});
}

class SpecStatusCodes : public Resources {
 protected:
  static server_options options() {
    auto o = plain_options();
    o.imbrace.spec_status_codes = true;
    return o;
  }
  SpecStatusCodes() : Resources(options()) {}
};

TEST_F(SpecStatusCodes, UpsertAndInvitationDeleteAnswer200) {
  ok(post("/app-connections", connection_body(project(), "x", "X", "NO_AUTH", R"({"type":"NO_AUTH"})")), 200);
  auto invitations = ok(get("/user-invitations?type=PROJECT")).as_object();
  const std::string id(invitations.at("data").as_array()[0].at("id").as_string());
  auto res = del("/user-invitations/" + id);
  EXPECT_EQ(res.result_int(), 200);
  EXPECT_EQ(res[http::field::content_length], "0");
}

// ---------------------------------------------------------------------------------------------
// Pieces

TEST_F(Resources, PiecesListIsABareArrayOfSummaries) {
  auto res = get("/pieces?limit=2&cursor=whatever");
  auto pieces = ok(res);
  ASSERT_TRUE(pieces.is_array()) << res.body();
  EXPECT_GE(pieces.as_array().size(), 5u);  // limit is ignored
  std::set<std::string> names;
  for (const auto& p : pieces.as_array()) {
    names.emplace(p.at("name").as_string());
    EXPECT_TRUE(p.at("actions").is_number());
    EXPECT_TRUE(p.at("triggers").is_number());
    for (const auto* key : {"id", "displayName", "description", "logoUrl", "version", "categories", "authors"})
      EXPECT_TRUE(p.as_object().contains(key)) << key;
  }
  for (const auto* n : {"@activepieces/piece-webhook", "@activepieces/piece-http", "@activepieces/piece-slack",
                        "@activepieces/piece-gmail", "@activepieces/piece-schedule"})
    EXPECT_TRUE(names.count(n)) << n;
  EXPECT_EQ(ok(get("/pieces?searchQuery=gmail")).as_array().size(), 1u);
}

TEST_F(Resources, PieceLookupByEncodedName) {
  auto piece = ok(get("/pieces/%40activepieces%2Fpiece-webhook")).as_object();
  EXPECT_EQ(piece.at("name"), "@activepieces/piece-webhook");
  EXPECT_EQ(piece.at("version"), "0.1.24");
  ASSERT_TRUE(piece.at("actions").is_object());
  EXPECT_EQ(piece.at("actions").at("return_response").at("name"), "return_response");
  EXPECT_EQ(piece.at("triggers").at("catch_webhook").at("type"), "WEBHOOK");
  // Unencoded scope/name works as well, and a version pins it.
  EXPECT_EQ(ok(get("/pieces/@activepieces/piece-slack?version=0.9.0")).at("version"), "0.9.0");
  EXPECT_EQ(ok(get("/pieces/%40activepieces%2Fpiece-slack?version=~0.8.0")).at("version"), "0.8.5");
  expect_not_found(get("/pieces/%40activepieces%2Fpiece-slack?version=9.9.9"), "piece");
  expect_not_found(get("/pieces/%40activepieces%2Fpiece-nope"), "piece");
}

// ---------------------------------------------------------------------------------------------
// Triggers

TEST_F(Resources, TriggerRunStatusCountsTheRuns) {
  auto status = ok(get("/trigger-runs/status")).as_object();
  const auto& stats = status.at("pieces").at("@activepieces/piece-webhook").at("dailyStats").as_object();
  std::int64_t success = 0, failure = 0;
  for (const auto& [day, counts] : stats) {
    EXPECT_EQ(day.size(), 10u);  // YYYY-MM-DD
    success += counts.at("success").as_int64();
    failure += counts.at("failure").as_int64();
  }
  EXPECT_EQ(success, 20);  // 25 seeded runs, every fifth FAILED
  EXPECT_EQ(failure, 5);

  // A new run counts once it has finished.
  ok(call(port(), http::verb::post, std::string(ap) + "/webhooks/" + seed().imbrace.echo_flow_id, "{}", {}));
  server_->advance(std::chrono::milliseconds(50));  // run_duration: the run finishes, no waiting
  status = ok(get("/trigger-runs/status")).as_object();
  success = 0;
  for (const auto& [day, counts] : status.at("pieces").at("@activepieces/piece-webhook").at("dailyStats").as_object())
    success += counts.at("success").as_int64();
  EXPECT_EQ(success, 21);
}

TEST_F(Resources, TestTriggerReturnsATriggerEvent) {
  // Both body shapes; the payload is the trigger output of the flow's newest run.
  auto event = ok(post("/test-trigger", R"({"pieceName":"@activepieces/piece-webhook","flowId":")" +
                                            seed().imbrace.echo_flow_id + R"("})"))
                   .as_object();
  EXPECT_EQ(event.at("flowId"), seed().imbrace.echo_flow_id);
  EXPECT_EQ(event.at("projectId"), project());
  EXPECT_EQ(event.at("sourceName"), "@activepieces/piece-webhook@0.1.24:catch_webhook");
  EXPECT_EQ(event.at("payload").at("body").at("seq"), 24);
  for (const auto* key : {"id", "created", "updated", "fileId"}) EXPECT_TRUE(event.contains(key)) << key;
  ok(post("/test-trigger", R"({"flowId":")" + seed().imbrace.echo_flow_id + R"(","testStrategy":"SIMULATION"})"));
  EXPECT_EQ(ok(get("/trigger-events?flowId=" + seed().imbrace.echo_flow_id)).at("data").as_array().size(), 2u);

  // A flow without runs gets the catalog's sample data.
  event = ok(post("/test-trigger", R"({"flowId":")" + seed().imbrace.disabled_flow_id + R"("})")).as_object();
  EXPECT_EQ(event.at("payload").at("body").at("hello"), "world");

  expect_not_found(post("/test-trigger", R"({"flowId":"nope"})"), "flow");
  expect_validation(post("/test-trigger", R"({"pieceName":"@activepieces/piece-webhook"})"),
                    "body must have required property 'flowId'");
  expect_validation(post("/test-trigger", R"({"flowId":")" + seed().imbrace.echo_flow_id + R"(","testStrategy":"X"})"));
}

// ---------------------------------------------------------------------------------------------
// Tables, fields, records

TEST_F(Resources, SeededTable) {
  auto table = ok(get("/tables/" + seed().imbrace.table_id)).as_object();
  EXPECT_EQ(table.at("name"), "Contacts");
  EXPECT_EQ(table.at("projectId"), project());
  EXPECT_TRUE(table.at("externalId").is_string());
  auto fields = ok(get("/fields?tableId=" + seed().imbrace.table_id)).as_array();
  ASSERT_EQ(fields.size(), 4u);
  EXPECT_EQ(fields[0].at("name"), "Name");
  EXPECT_EQ(fields[3].at("type"), "STATIC_DROPDOWN");
  EXPECT_EQ(fields[3].at("data").at("options").as_array().size(), 3u);
  auto records = ok(get("/records?tableId=" + seed().imbrace.table_id)).as_object();
  ASSERT_EQ(records.at("data").as_array().size(), 3u);
  const auto& cells = records.at("data").as_array()[0].at("cells").as_object();
  EXPECT_EQ(cells.size(), 4u);
  const auto& name_cell = cells.at(fields[0].at("id").as_string()).as_object();
  EXPECT_EQ(name_cell.at("fieldName"), "Name");
  EXPECT_TRUE(name_cell.at("value").is_string());
  EXPECT_TRUE(ok(get("/tables")).at("data").is_array());
}

TEST_F(Resources, TablesFieldsAndRecords) {
  auto table = ok(post("/tables", R"({"name":"Orders","projectId":")" + project() + R"("})"), 201).as_object();
  const std::string tid(table.at("id").as_string());
  auto field = [&](const std::string& name, const std::string& type) {
    return std::string(
        ok(post("/fields", R"({"tableId":")" + tid + R"(","name":")" + name + R"(","type":")" + type + R"("})"))
            .at("id")
            .as_string());
  };
  const auto item = field("Item", "TEXT");
  const auto qty = field("Qty", "NUMBER");
  expect_validation(post("/fields", R"({"tableId":")" + tid + R"(","name":"Bad","type":"BLOB"})"),
                    "body/type must be equal to one of the allowed values");
  expect_validation(get("/fields"), "querystring must have required property 'tableId'");
  expect_not_found(post("/fields", R"({"tableId":"nope","name":"x","type":"TEXT"})"), "table");

  // Fields: get, rename, list.
  EXPECT_EQ(ok(get("/fields/" + qty)).at("type"), "NUMBER");
  EXPECT_EQ(ok(post("/fields/" + qty, R"({"name":"Quantity"})")).at("name"), "Quantity");
  EXPECT_EQ(ok(get("/fields?tableId=" + tid)).as_array().size(), 2u);
  expect_not_found(get("/fields/nope"), "field");

  // Create records: 201, an array in the order sent.
  std::string records = "[";
  for (int i = 0; i < 7; ++i) {
    if (i) records += ",";
    records += R"([{"fieldId":")" + item + R"(","value":"item )" + std::to_string(i) + R"("},{"fieldId":")" + qty +
               R"(","value":)" + std::to_string(i) + "}]";
  }
  records += "]";
  auto created = ok(post("/records", R"({"tableId":")" + tid + R"(","records":)" + records + "}"), 201).as_array();
  ASSERT_EQ(created.size(), 7u);
  const auto& first = created[0].as_object();
  EXPECT_EQ(first.at("tableId"), tid);
  EXPECT_EQ(first.at("projectId"), project());
  EXPECT_EQ(first.at("cells").at(item).at("value"), "item 0");
  EXPECT_EQ(first.at("cells").at(qty).at("fieldName"), "Quantity");
  const std::string rid(first.at("id").as_string());

  // Paging over records.
  const auto ids = walk("/records?tableId=" + tid, 3);
  EXPECT_EQ(ids.size(), 7u);
  EXPECT_EQ(distinct(ids), 7u);

  // Update merges cells: the untouched cell keeps its value.
  auto updated =
      ok(post("/records/" + rid, R"({"tableId":")" + tid + R"(","cells":[{"fieldId":")" + qty + R"(","value":42}]})"))
          .as_object();
  EXPECT_EQ(updated.at("cells").at(qty).at("value"), 42);
  EXPECT_EQ(updated.at("cells").at(item).at("value"), "item 0");
  auto fetched = ok(get("/records/" + rid)).as_object();
  EXPECT_EQ(fetched.at("cells"), updated.at("cells"));
  EXPECT_NE(fetched.at("updated"), first.at("created"));

  // Unknown field, wrong value type, unknown record, missing tableId.
  expect_validation(post("/records", R"({"tableId":")" + tid + R"(","records":[[{"fieldId":"nope","value":1}]]})"));
  expect_validation(post("/records/" + rid, R"({"tableId":")" + tid + R"(","cells":[{"fieldId":"nope","value":1}]})"));
  expect_validation(
      post("/records", R"({"tableId":")" + tid + R"(","records":[[{"fieldId":")" + qty + R"(","value":"many"}]]})"));
  expect_validation(get("/records"), "querystring must have required property 'tableId'");
  expect_not_found(get("/records/nope"), "record");
  expect_not_found(post("/records/" + rid, R"({"tableId":")" + seed().imbrace.table_id + R"(","cells":[]})"), "record");

  // Delete by body: the deleted records come back; unknown ids are skipped.
  auto deleted = ok(del("/records", R"({"ids":[")" + rid + R"(","nope"]})")).as_array();
  ASSERT_EQ(deleted.size(), 1u);
  EXPECT_EQ(deleted[0].at("id"), rid);
  EXPECT_EQ(ok(del("/records", R"({"ids":["nope"]})")), json::array{});
  expect_validation(del("/records", R"({})"), "body must have required property 'ids'");
  expect_not_found(get("/records/" + rid), "record");

  // Deleting a field drops its cells; deleting the table drops everything.
  auto res = del("/fields/" + qty);
  EXPECT_EQ(res.result_int(), 200);
  EXPECT_FALSE(ok(get("/records/" + ids[0])).at("cells").as_object().contains(qty));
  res = del("/tables/" + tid);
  EXPECT_EQ(res.result_int(), 204);
  expect_not_found(get("/tables/" + tid), "table");
  expect_not_found(get("/fields/" + item), "field");
  expect_not_found(get("/records/" + ids[0]), "record");
}

// ---------------------------------------------------------------------------------------------
// MCP servers

TEST_F(Resources, McpServerLifecycle) {
  expect_validation(get("/mcp-servers"), "querystring must have required property 'projectId'");
  auto mcp = ok(post("/mcp-servers", R"({"projectId":")" + project() + R"(","name":"Assistant"})")).as_object();
  const std::string id(mcp.at("id").as_string());
  EXPECT_EQ(mcp.at("name"), "Assistant");
  EXPECT_EQ(mcp.at("projectId"), project());
  EXPECT_EQ(mcp.at("tools"), json::array{});
  EXPECT_EQ(mcp.at("token").as_string().size(), 21u);
  EXPECT_EQ(mcp.at("externalId").as_string().size(), 21u);

  auto page = ok(get("/mcp-servers?projectId=" + project())).as_object();
  EXPECT_EQ(page.at("data").as_array().size(), 2u);  // 1 seeded

  // Tools replace the whole list.
  const std::string tools = R"({"name":"Renamed","tools":[
    {"type":"PIECE","toolName":"send","pieceMetadata":{"pieceName":"@activepieces/piece-slack","pieceVersion":"0.9.1",
     "actionName":"send_direct_message"}},
    {"type":"FLOW","toolName":"echo","flowId":")" +
                            seed().imbrace.echo_flow_id + R"("}]})";
  auto updated = ok(post("/mcp-servers/" + id, tools)).as_object();
  EXPECT_EQ(updated.at("name"), "Renamed");
  const auto& t = updated.at("tools").as_array();
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].at("type"), "PIECE");
  EXPECT_EQ(t[0].at("mcpId"), id);
  EXPECT_EQ(t[0].at("pieceMetadata").at("actionDisplayName"), "Send Message To A User");
  EXPECT_TRUE(t[0].at("pieceMetadata").at("logoUrl").is_string());
  for (const auto* key : {"id", "created", "updated", "externalId", "toolName"})
    EXPECT_TRUE(t[0].as_object().contains(key));
  EXPECT_EQ(t[1].at("type"), "FLOW");
  EXPECT_EQ(t[1].at("flowId"), seed().imbrace.echo_flow_id);
  EXPECT_EQ(t[1].at("flow").at("id"), seed().imbrace.echo_flow_id);
  updated = ok(post("/mcp-servers/" + id, R"({"tools":[]})")).as_object();
  EXPECT_EQ(updated.at("tools"), json::array{});
  EXPECT_EQ(updated.at("name"), "Renamed");

  expect_not_found(post("/mcp-servers/" + id, R"({"tools":[{"type":"FLOW","toolName":"x","flowId":"nope"}]})"), "flow");
  expect_validation(post("/mcp-servers/" + id, R"({"tools":[{"type":"AGENT","toolName":"x"}]})"));
  expect_validation(post("/mcp-servers", R"({"name":"no project"})"), "body must have required property 'projectId'");

  // Rotate: no body and no Content-Type (TS), and {} (Py); each gives a new token.
  http_client raw(port());
  raw.write_raw("POST " + std::string(ap) + "/mcp-servers/" + id +
                "/rotate HTTP/1.1\r\nHost: x\r\nx-api-key: api_emulator_key\r\nContent-Length: 0\r\n\r\n");
  auto rotated = ok(raw.read()).as_object();
  EXPECT_NE(rotated.at("token"), mcp.at("token"));
  auto again = ok(post("/mcp-servers/" + id + "/rotate", "{}")).as_object();
  EXPECT_NE(again.at("token"), rotated.at("token"));
  EXPECT_EQ(ok(get("/mcp-servers/" + id)).at("token"), again.at("token"));
  // An empty body that claims to be JSON is Fastify's 400.
  raw.write_raw("POST " + std::string(ap) + "/mcp-servers/" + id +
                "/rotate HTTP/1.1\r\nHost: x\r\nx-api-key: api_emulator_key\r\nContent-Type: application/json\r\n"
                "Content-Length: 0\r\n\r\n");
  auto empty_json = raw.read();
  EXPECT_EQ(empty_json.result_int(), 400);
  EXPECT_EQ(parse(empty_json).at("code"), "FST_ERR_CTP_EMPTY_JSON_BODY");

  auto res = del("/mcp-servers/" + id);
  EXPECT_EQ(res.result_int(), 204);
  expect_not_found(get("/mcp-servers/" + id), "mcp");
  expect_not_found(post("/mcp-servers/" + id + "/rotate", "{}"), "mcp");
}

TEST_F(Resources, SeededMcpServerHasAPieceAndAFlowTool) {
  auto mcp = ok(get("/mcp-servers/" + seed().imbrace.mcp_server_id)).as_object();
  const auto& tools = mcp.at("tools").as_array();
  ASSERT_EQ(tools.size(), 2u);
  EXPECT_EQ(tools[0].at("pieceMetadata").at("connectionExternalId"), "slack-seed");
  EXPECT_EQ(tools[1].at("flow").at("id"), seed().imbrace.echo_flow_id);
}

// ---------------------------------------------------------------------------------------------
// Invitations, projects

TEST_F(Resources, InvitationsNeedAType) {
  expect_validation(get("/user-invitations"), "querystring must have required property 'type'");
  expect_validation(get("/user-invitations?type=USER"), "querystring/type must be equal to one of the allowed values");
  auto platform = ok(get("/user-invitations?type=PLATFORM")).as_object();
  ASSERT_EQ(platform.at("data").as_array().size(), 2u);
  for (const auto& i : platform.at("data").as_array()) {
    EXPECT_EQ(i.at("type"), "PLATFORM");
    EXPECT_TRUE(i.at("platformRole").is_string());
    EXPECT_TRUE(i.at("platformId").is_string());
  }
  const auto project_ids = walk("/user-invitations?type=PROJECT&projectId=" + project(), 2);
  EXPECT_EQ(project_ids.size(), 3u);
  EXPECT_EQ(ok(get("/user-invitations?type=PROJECT&status=ACCEPTED")).at("data").as_array().size(), 1u);

  auto res = del("/user-invitations/" + project_ids[0]);
  EXPECT_EQ(res.result_int(), 204);
  EXPECT_EQ(res[http::field::content_length], "0");
  expect_not_found(del("/user-invitations/" + project_ids[0]), "user_invitation");
  EXPECT_EQ(ok(get("/user-invitations?type=PROJECT")).at("data").as_array().size(), 2u);
}

TEST_F(Resources, CurrentProjectWhateverTheId) {
  auto current = ok(get("/users/projects/current")).as_object();
  EXPECT_EQ(current.at("id"), project());
  EXPECT_TRUE(current.at("displayName").is_string());
  EXPECT_EQ(ok(get("/users/projects/anything-at-all")).at("id"), project());
  auto unauthenticated = call(port(), http::verb::get, std::string(ap) + "/users/projects/current", {}, {});
  EXPECT_EQ(unauthenticated.result_int(), 401);
}

TEST_F(Resources, NewRoutesGoThroughFaultsAndTheRequestLog) {
  fault_rule rule;
  rule.method = "GET";
  rule.path_prefix = "/activepieces/v1/tables";
  rule.what.status = 503;
  server_->inject(rule);
  EXPECT_EQ(get("/tables").result_int(), 503);
  auto res = get("/tables");
  EXPECT_EQ(res.result_int(), 200);
  EXPECT_FALSE(res["x-request-id"].empty());
  const auto log = server_->recorded_requests();
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log.back().target, "/activepieces/v1/tables");
}

}  // namespace
}  // namespace flowsdk::emulator::test
