// The rest of the workflows surface against the emulator over TLS: each method works and has at
// least one error path. Method -> test names are listed in docs/imbrace.md.
#include "flowsdk/flowsdk.hpp"

#include "support/emulated.hpp"

#include <boost/json/parse.hpp>

#include <set>

using flowsdk::errc;
using flowsdk::paginator;
namespace asio = boost::asio;
namespace im = flowsdk::imbrace;
namespace bj = boost::json;

namespace {

class ImbraceSurface : public flowsdk::test::emulated_test {
 protected:
  template <class T>
  std::vector<T> all(paginator<T> p) {
    auto walk = [&]() -> asio::awaitable<std::vector<T>> {
      std::vector<T> out;
      while (auto item = co_await p.next()) out.push_back(std::move(*item));
      co_return out;
    };
    return run(walk());
  }
  const std::string& project() { return emu->seed().imbrace.project_id; }
};

}  // namespace

TEST_F(ImbraceSurface, BuildFlowMakesAWorkingPublishedFlowWithALoop) {
  im::flow_spec spec("Built by the SDK", im::flow_trigger::webhook());
  im::flow_step loop(im::flow_action::loop_on_items("", "Each item", "{{trigger.body.items}}"));
  loop.children.emplace_back(im::flow_action::code("", "Per item", "export const code = async (i) => i;"));
  spec.steps.emplace_back(im::flow_action::code("", "Prepare", "export const code = async () => 1;"));
  spec.steps.push_back(std::move(loop));
  spec.steps.emplace_back(im::flow_action::return_response("", bj::object{{"got", "{{trigger.body.items}}"}}));
  spec.publish = true;
  auto flow = run(wf.build_flow(spec));
  EXPECT_TRUE(flow.status == im::flow_status::enabled);
  // The steps hang off the trigger in order: step_1 -> step_2 (loop, with step_3 inside) -> step_4.
  const auto& trigger = flow.version.trigger;
  ASSERT_TRUE(trigger.contains("nextAction"));
  EXPECT_EQ(trigger.at("nextAction").at("name"), "step_1");
  const auto& loop_step = trigger.at("nextAction").at("nextAction");
  EXPECT_EQ(loop_step.at("name"), "step_2");
  EXPECT_EQ(loop_step.at("firstLoopAction").at("name"), "step_3");
  EXPECT_EQ(loop_step.at("nextAction").at("name"), "step_4");

  bj::object payload{{"items", bj::array{1, 2}}};
  auto answer = run(wf.trigger_flow_sync(flow.id, payload));
  ASSERT_TRUE(answer.json);
  EXPECT_EQ(answer.json->at("got"), bj::parse("[1,2]"));
}

TEST_F(ImbraceSurface, TypedOperationsEditPublishAndDisable) {
  auto flow = run(wf.create_flow(im::create_flow_request("Typed")));
  run(wf.apply_flow_operation(flow.id, im::flow_operation::update_trigger(im::flow_trigger::webhook())));
  auto step = im::flow_action::return_response("step_1", bj::object{{"v", 1}});
  run(wf.apply_flow_operation(flow.id, im::flow_operation::add_action("trigger", im::step_location::after, step)));
  auto updated = im::flow_action::return_response("step_1", bj::object{{"v", 2}});
  run(wf.apply_flow_operation(flow.id, im::flow_operation::update_action(updated)));
  auto published = run(wf.apply_flow_operation(flow.id, im::flow_operation::lock_and_publish()));
  EXPECT_TRUE(published.status == im::flow_status::enabled);
  EXPECT_EQ(*run(wf.trigger_flow_sync(flow.id)).json, bj::parse(R"({"v":2})"));

  auto disabled = run(wf.apply_flow_operation(flow.id, im::flow_operation::change_status(im::flow_status::disabled)));
  EXPECT_TRUE(disabled.status == im::flow_status::disabled);
  expect_error(wf.trigger_flow(flow.id), errc::not_found);

  run(wf.apply_flow_operation(flow.id, im::flow_operation::delete_action("step_1")));
  auto e =
      expect_error(wf.apply_flow_operation(flow.id, im::flow_operation::delete_action("step_9")), errc::bad_request);
  EXPECT_EQ(e.details().vendor_code, "FST_ERR_VALIDATION");
  auto renamed = run(wf.apply_flow_operation(flow.id, im::flow_operation::change_name("Renamed")));
  EXPECT_EQ(renamed.version.display_name, "Renamed");
}

TEST_F(ImbraceSurface, FoldersCrudAndChangeFolder) {
  auto created = run(wf.create_folder(im::create_folder_request("Finance", project())));
  EXPECT_EQ(created.display_name, "Finance");
  EXPECT_EQ(run(wf.get_folder(created.id)).id, created.id);
  auto renamed = run(wf.update_folder(created.id, "Finance & Ops"));
  EXPECT_EQ(renamed.display_name, "Finance & Ops");
  im::page_params one;
  one.limit = 1;
  auto folders = all(wf.list_folders(one));
  EXPECT_GE(folders.size(), 3u);  // two seeded + this one, one per page

  auto flow = run(wf.create_flow(im::create_flow_request("Filed")));
  auto moved = run(wf.apply_flow_operation(flow.id, im::flow_operation::change_folder(created.id)));
  EXPECT_EQ(moved.folder_id, created.id);
  im::list_flows_params in_folder;
  in_folder.folder_id = created.id;
  auto filed = all(wf.list_flows(in_folder));
  ASSERT_EQ(filed.size(), 1u);
  EXPECT_EQ(filed[0].id, flow.id);
  expect_error(wf.apply_flow_operation(flow.id, im::flow_operation::change_folder("noSuchFolder000000000")),
               errc::not_found);

  run(wf.delete_folder(created.id));
  expect_error(wf.get_folder(created.id), errc::not_found);
  expect_error(wf.create_folder(im::create_folder_request("Support", project())), errc::conflict);  // seeded name
}

TEST_F(ImbraceSurface, ConnectionsUpsertReplaceListAndNeverEchoSecrets) {
  im::upsert_connection_request req("billing-api", "Billing API", "@activepieces/piece-http", project(),
                                    im::connection_value::basic_auth("svc", "hunter2-secret"));
  emu->clear_recorded_requests();
  auto first = run(wf.upsert_connection(req));
  EXPECT_TRUE(first.type == im::connection_type::basic_auth);
  EXPECT_EQ(first.project_ids, std::vector<std::string>{project()});

  req.display_name = "Billing API (rotated)";
  req.value = im::connection_value::secret_text("another-secret");
  auto second = run(wf.upsert_connection(req));
  EXPECT_EQ(second.id, first.id);  // same external id: replaced, not duplicated
  EXPECT_EQ(second.display_name, "Billing API (rotated)");
  EXPECT_TRUE(second.type == im::connection_type::secret_text);

  auto got = run(wf.get_connection(first.id));
  EXPECT_EQ(got.external_id, "billing-api");
  im::list_connections_params http_only;
  http_only.piece_name = "@activepieces/piece-http";
  http_only.limit = 1;
  auto listed = all(wf.list_connections(http_only));
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].id, first.id);
  for (const auto& r : emu->recorded_requests()) {
    if (r.method == "GET") {
      EXPECT_EQ(r.body.find("secret"), std::string::npos);
    }
  }

  auto incomplete =
      im::upsert_connection_request("x", "x", "@activepieces/piece-http", "", im::connection_value::no_auth());
  expect_error(wf.upsert_connection(incomplete), errc::invalid_argument);
  run(wf.delete_connection(first.id));
  expect_error(wf.get_connection(first.id), errc::not_found);
}

TEST_F(ImbraceSurface, PiecesListAndLookUpByEncodedName) {
  auto pieces = run(wf.list_pieces());
  ASSERT_GE(pieces.size(), 5u);
  std::set<std::string> names;
  for (const auto& p : pieces) names.insert(p.name);
  EXPECT_TRUE(names.count("@activepieces/piece-webhook"));
  auto slack = run(wf.get_piece("@activepieces/piece-slack"));
  EXPECT_FALSE(slack.actions.empty());
  auto pinned = run(wf.get_piece("@activepieces/piece-webhook", "0.1.24"));
  EXPECT_EQ(pinned.version, "0.1.24");
  expect_error(wf.get_piece("@activepieces/piece-nope"), errc::not_found);
  expect_error(wf.get_piece("@activepieces/piece-webhook", "9.9.9"), errc::not_found);
}

TEST_F(ImbraceSurface, TriggerRunStatusCountsRealRunsAndTestTriggerAnswers) {
  auto status = run(wf.get_trigger_run_status());
  const auto& webhook = status.pieces.at("@activepieces/piece-webhook");
  std::int64_t success = 0, failure = 0;
  for (const auto& [day, stats] : webhook.daily_stats) {
    success += stats.success;
    failure += stats.failure;
  }
  EXPECT_EQ(success + failure, static_cast<std::int64_t>(emu->seed().imbrace.run_count));
  EXPECT_GT(failure, 0);

  auto event = run(wf.test_trigger(im::test_trigger_request(emu->seed().imbrace.echo_flow_id)));
  EXPECT_TRUE(event.is_object());
  EXPECT_EQ(event.at("flowId").as_string(), emu->seed().imbrace.echo_flow_id);
  expect_error(wf.test_trigger(im::test_trigger_request("noSuchFlow00000000000")), errc::not_found);
}

TEST_F(ImbraceSurface, TablesFieldsAndRecordsKeepTheirCells) {
  const auto& table_id = emu->seed().imbrace.table_id;
  auto tables = all(wf.list_tables());
  ASSERT_FALSE(tables.empty());
  EXPECT_EQ(run(wf.get_table(table_id)).name, "Contacts");
  expect_error(wf.get_table("noSuchTable0000000000"), errc::not_found);

  auto fields = run(wf.list_fields(table_id));
  ASSERT_GE(fields.size(), 2u);
  std::string name_field, age_field;
  for (const auto& f : fields) {
    if (f.name == "Name") name_field = f.id;
    if (f.name == "Age") age_field = f.id;
  }
  ASSERT_FALSE(name_field.empty());
  ASSERT_FALSE(age_field.empty());

  auto score = run(wf.create_field(table_id, "Score", im::field_type::number));
  EXPECT_TRUE(score.type == im::field_type::number);
  EXPECT_EQ(run(wf.update_field(score.id, "Rank")).name, "Rank");
  EXPECT_EQ(run(wf.get_field(score.id)).name, "Rank");
  expect_error(wf.create_field(table_id, "Bad", im::field_type("COLOUR")), errc::bad_request);

  auto created = run(wf.create_records(table_id, {{im::cell_input(name_field, "Ada"), im::cell_input(age_field, 36)},
                                                  {im::cell_input(name_field, "Grace")}}));
  ASSERT_EQ(created.size(), 2u);
  EXPECT_EQ(created[0].cells.at(age_field).value, 36);
  auto updated = run(wf.update_record(created[0].id, table_id, {im::cell_input(age_field, 37)}));
  EXPECT_EQ(updated.cells.at(age_field).value, 37);
  EXPECT_EQ(updated.cells.at(name_field).value, "Ada");  // untouched cells stay
  EXPECT_EQ(run(wf.get_record(created[0].id)).cells.at(name_field).field_name, "Name");

  im::page_params two;
  two.limit = 2;
  auto records = all(wf.list_records(table_id, two));
  EXPECT_EQ(records.size(), 5u);  // 3 seeded + 2
  expect_error(wf.create_records(table_id, {{im::cell_input("noSuchField", 1)}}), errc::bad_request);

  run(wf.delete_records({created[0].id, created[1].id}));
  expect_error(wf.get_record(created[0].id), errc::not_found);
  run(wf.delete_field(score.id));
  expect_error(wf.get_field(score.id), errc::not_found);
  expect_error(wf.list_fields(""), errc::invalid_argument);
}

TEST_F(ImbraceSurface, McpServersResolveTheProjectRotateTokensAndPageFully) {
  EXPECT_EQ(run(wf.resolve_project_id()), project());
  std::vector<std::string> created_ids;
  for (int i = 0; i < 3; ++i) {
    auto s = run(wf.create_mcp_server(im::create_mcp_server_request("Tools " + std::to_string(i))));
    EXPECT_EQ(s.project_id, project());
    EXPECT_FALSE(s.token.empty());
    created_ids.push_back(s.id);
  }
  im::list_mcp_servers_params one_per_page;
  one_per_page.limit = 1;
  auto servers = all(wf.list_mcp_servers(one_per_page));
  EXPECT_EQ(servers.size(), 4u);  // every page, not only the first

  auto before = run(wf.get_mcp_server(created_ids[0]));
  auto rotated = run(wf.rotate_mcp_token(created_ids[0]));
  EXPECT_NE(rotated.token, before.token);

  im::update_mcp_server_request update;
  update.name = "Renamed tools";
  update.tools = std::vector<im::mcp_tool_input>{
      im::mcp_tool_input::flow("echo", emu->seed().imbrace.echo_flow_id),
      im::mcp_tool_input::piece("post", "@activepieces/piece-slack", "0.9.1", "send_channel_message")};
  auto updated = run(wf.update_mcp_server(created_ids[0], update));
  EXPECT_EQ(updated.name, "Renamed tools");
  ASSERT_EQ(updated.tools.size(), 2u);
  EXPECT_EQ(updated.tools[0].type, "FLOW");
  EXPECT_TRUE(updated.tools[0].flow.has_value());
  EXPECT_EQ(updated.tools[1].piece_metadata->at("actionName"), "send_channel_message");

  im::update_mcp_server_request bad;
  bad.tools = std::vector<im::mcp_tool_input>{im::mcp_tool_input::flow("x", "noSuchFlow00000000000")};
  expect_error(wf.update_mcp_server(created_ids[0], bad), errc::not_found);
  run(wf.delete_mcp_server(created_ids[0]));
  expect_error(wf.get_mcp_server(created_ids[0]), errc::not_found);
}

TEST_F(ImbraceSurface, InvitationsByTypeAndDelete) {
  auto platform = all(wf.list_invitations(im::list_invitations_params(im::invitation_type::platform)));
  auto project_invites = all(wf.list_invitations(im::list_invitations_params(im::invitation_type::project)));
  EXPECT_EQ(platform.size(), 2u);
  EXPECT_EQ(project_invites.size(), 3u);
  for (const auto& i : platform) EXPECT_EQ(i.type, "PLATFORM");
  run(wf.delete_invitation(platform[0].id));
  EXPECT_EQ(all(wf.list_invitations(im::list_invitations_params(im::invitation_type::platform))).size(), 1u);
  expect_error(wf.delete_invitation(platform[0].id), errc::not_found);
}

TEST_F(ImbraceSurface, ChannelAutomationFiltersByChannelType) {
  auto every = run(wf.list_channel_automation());
  EXPECT_EQ(every.size(), 6u);
  auto whatsapp = run(wf.list_channel_automation("whatsapp"));
  ASSERT_FALSE(whatsapp.empty());
  EXPECT_LT(whatsapp.size(), every.size());
  auto o = flowsdk::test::imbrace_options_for(emu.get());
  o.credentials = im::credentials::api_key("api_wrong");
  expect_error(make_client(o).workflows().list_channel_automation(), errc::unauthorized);
}

TEST_F(ImbraceSurface, EveryReadRefusesBadCredentials) {
  auto o = flowsdk::test::imbrace_options_for(emu.get());
  o.credentials = im::credentials::api_key("api_not_a_real_key");
  auto bad = make_client(o).workflows();
  const auto& seed = emu->seed();
  auto first_of = [&](auto p) { return p.next(); };
  expect_error(first_of(bad.list_flows()), errc::unauthorized);
  expect_error(first_of(bad.list_runs()), errc::unauthorized);
  expect_error(first_of(bad.list_folders()), errc::unauthorized);
  expect_error(first_of(bad.list_connections()), errc::unauthorized);
  expect_error(first_of(bad.list_tables()), errc::unauthorized);
  expect_error(first_of(bad.list_records(seed.imbrace.table_id)), errc::unauthorized);
  expect_error(first_of(bad.list_invitations(im::list_invitations_params(im::invitation_type::platform))),
               errc::unauthorized);
  im::list_mcp_servers_params mcp;
  mcp.project_id = seed.imbrace.project_id;
  expect_error(first_of(bad.list_mcp_servers(mcp)), errc::unauthorized);
  expect_error(bad.list_pieces(), errc::unauthorized);
  expect_error(bad.get_trigger_run_status(), errc::unauthorized);
  expect_error(bad.list_fields(seed.imbrace.table_id), errc::unauthorized);
  expect_error(bad.get_record("anything"), errc::unauthorized);
  expect_error(bad.delete_records({"anything"}), errc::unauthorized);
  expect_error(bad.resolve_project_id(), errc::unauthorized);  // a refused key stays unauthorized (docs/errors.md)
}
