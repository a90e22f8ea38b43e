// flowsdk::testing::emulator_fixture: the options it gives each vendor reach the in-process
// emulator over TLS with credentials it accepts, and options of its own are honoured.
#include "flowsdk/flowsdk.hpp"
#include "flowsdk/testing/emulator_fixture.hpp"
#include "flowsdk/testing/run.hpp"

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include <stdexcept>

namespace kit = flowsdk::testing;

TEST(TestingEmulatorFixture, GivesEveryVendorOptionsThatReachIt) {
  kit::emulator_fixture emu;
  boost::asio::io_context io;
  EXPECT_EQ(emu.base_url().rfind("https://127.0.0.1:", 0), 0u);
  EXPECT_NE(emu.ca_pem().find("BEGIN CERTIFICATE"), std::string::npos);

  flowsdk::imbrace::client im(io.get_executor(), emu.imbrace_options());
  auto flows = im.workflows().list_flows();
  auto flow = kit::run(io, flows.next());
  ASSERT_TRUE(flow);

  flowsdk::cloudflare::client cf(io.get_executor(), emu.cloudflare_options("acc_kit"));
  auto workflows = cf.workflows().list_workflows();
  auto workflow = kit::run(io, workflows.next());
  ASSERT_TRUE(workflow);
  EXPECT_EQ(workflow->name, emu->seed().cloudflare.workflow_name);

  flowsdk::tenex::client tx(io.get_executor(), emu.tenex_options());
  auto got = kit::run(io, tx.workflows().get(emu->seed().tenex.workspaces.front().workflow_id));
  EXPECT_EQ(got.id, emu->seed().tenex.workspaces.front().workflow_id);
  EXPECT_GE(emu->stats().requests_served, 3u);
}

TEST(TestingEmulatorFixture, UsesTheCredentialsOfTheOptionsItWasGiven) {
  auto o = kit::emulator_fixture::fast_options();
  o.imbrace.api_keys = {"api_custom_key"};
  o.cloudflare.api_tokens.clear();  // then the e-mail and key pair
  o.tenex.api_keys.clear();
  kit::emulator_fixture emu(o);
  EXPECT_EQ(emu.options().imbrace.api_keys, std::vector<std::string>{"api_custom_key"});
  EXPECT_THROW(emu.tenex_options(), std::logic_error);

  boost::asio::io_context io;
  flowsdk::imbrace::client im(io.get_executor(), emu.imbrace_options());
  auto flows = im.workflows().list_flows();
  EXPECT_TRUE(kit::run(io, flows.next()));
  flowsdk::cloudflare::client cf(io.get_executor(), emu.cloudflare_options());
  auto workflows = cf.workflows().list_workflows();
  EXPECT_TRUE(kit::run(io, workflows.next()));
  EXPECT_EQ(emu->recorded_requests().back().target.find("/client/v4/accounts/acc_test/"), 0u);
}
