// Canaries for docs/coroutine-hazards.md: the call styles the README and docs show must be safe on
// g++ 12, whose coroutines destroy an aggregate or closure temporary built inside a co_await
// expression twice. This file runs under AddressSanitizer in CI; a regression is a crash here.
#include "flowsdk/flowsdk.hpp"

#include "support/emulated.hpp"
#include "support/run.hpp"

#include <gtest/gtest.h>

#include <type_traits>

namespace im = flowsdk::imbrace;
namespace tx = flowsdk::tenex;
namespace asio = boost::asio;

// The parameter types users build inline must never become aggregates again.
static_assert(!std::is_aggregate_v<flowsdk::request_options>);
static_assert(!std::is_aggregate_v<im::list_flows_params>);
static_assert(!std::is_aggregate_v<im::list_runs_params>);
static_assert(!std::is_aggregate_v<im::create_flow_request>);
static_assert(!std::is_aggregate_v<tx::run_request>);
static_assert(!std::is_aggregate_v<tx::list_runs_params>);
static_assert(!std::is_aggregate_v<tx::template_inputs>);
static_assert(!std::is_aggregate_v<tx::list_templates_params>);
static_assert(!std::is_aggregate_v<tx::list_workflows_params>);
static_assert(!std::is_aggregate_v<tx::workflow_create>);
static_assert(!std::is_aggregate_v<tx::workflow_update>);
static_assert(!std::is_aggregate_v<tx::graph_update>);
static_assert(!std::is_aggregate_v<tx::trigger_create>);
static_assert(!std::is_aggregate_v<tx::trigger_update>);
static_assert(!std::is_aggregate_v<tx::list_triggers_params>);
static_assert(!std::is_aggregate_v<tx::watch_options>);
static_assert(!std::is_aggregate_v<tx::graph_builder>);

TEST(Canary, ReadmeCallStyleIsSafeOnGcc12) {
  flowsdk::emulator::background_server emu;
  asio::io_context io;
  im::client client(io.get_executor(), flowsdk::test::imbrace_options_for(emu.get()));
  auto wf = client.workflows();

  auto body = [&]() -> asio::awaitable<void> {
    for (int i = 0; i < 3; ++i) {
      // Temporaries with non-trivial members built inside co_await expressions.
      auto flow = co_await wf.create_flow(im::create_flow_request("Canary flow " + std::to_string(i)));
      auto again = co_await wf.get_flow(flow.id, flowsdk::request_options{});
      EXPECT_EQ(again.version.display_name, "Canary flow " + std::to_string(i));
      co_await wf.delete_flow(std::string(flow.id));
    }
    auto runs = wf.list_runs(im::list_runs_params{});
    std::vector<std::string> ids;
    while (auto run = co_await runs.next()) ids.push_back(run->id);
    EXPECT_GE(ids.size(), 10u);

    // fan_out with the lambda named first, as the docs show.
    auto lookup = [wf](std::string id) { return wf.get_run(std::move(id)); };
    auto results = co_await flowsdk::fan_out(ids, 8, lookup);
    for (auto& r : results) EXPECT_TRUE(r.has_value());
  };
  flowsdk::test::run(io, body());
}

TEST(Canary, TenexCallStyleIsSafeOnGcc12) {
  flowsdk::emulator::background_server emu;
  asio::io_context io;
  const auto& seed = emu->seed().tenex.workspaces.at(0);
  tx::client_options o;
  o.base_url = emu->base_url() + "/api/v1/flows";
  o.credentials = tx::credentials::api_key(seed.api_key);
  o.transport.tls.ca_pem = emu->ca_pem();
  tx::client client(io.get_executor(), o);

  auto body = [&]() -> asio::awaitable<void> {
    // Parameter temporaries built inside co_await expressions, as docs/tenex.md writes them (the
    // JSON first: hazard 5 of docs/coroutine-hazards.md).
    boost::json::object inputs{{"sequence_id", "seq_canary"}};
    auto wf = co_await client.templates().instantiate(std::string("lead-to-sequence"), tx::template_inputs(inputs));
    co_await client.workflows().activate_version(wf.id, 1, flowsdk::request_options{});
    for (int i = 0; i < 3; ++i) {
      boost::json::object input{{"lead_id", "l" + std::to_string(i)}};
      auto run = co_await client.runs().trigger(wf.id, tx::run_request(input));
      auto done = co_await client.runs().wait_for_run(run.id, std::chrono::seconds(30), tx::watch_options{});
      EXPECT_TRUE(done.status.is_terminal()) << done.status.value();
    }
    auto runs = client.runs().list(tx::list_runs_params{});
    std::size_t n = 0;
    for (;;) {
      auto r = co_await runs.next();  // into a local: hazard 6
      if (!r) break;
      ++n;
    }
    EXPECT_GE(n, 3u);
  };
  flowsdk::test::run(io, body());
}

// fan_out with the lambda written inside the co_await full-expression, as users write it. g++ 12
// copies such a closure temporary bitwise and destroys both copies (docs/coroutine-hazards.md,
// hazard 1) in the caller's frame, where fan_out cannot repair it: an inline lambda that owns state
// ([wf]) ran into heap-use-after-free in client::~client() under ASan, so fan_out rejects it at
// compile time on g++ 12. Capturing by reference is safe inline on both compilers.
TEST(Canary, FanOutWithInlineLambdaIsSafeOnGcc12) {
  flowsdk::emulator::background_server emu;
  asio::io_context io;
  im::client client(io.get_executor(), flowsdk::test::imbrace_options_for(emu.get()));
  auto wf = client.workflows();

  auto owning = [wf](std::string id) { return wf.get_run(std::move(id)); };
  auto borrowing = [&wf](std::string id) { return wf.get_run(std::move(id)); };
  static_assert(flowsdk::detail::safe_as_temporary_v<decltype(borrowing)>);
  static_assert(flowsdk::detail::safe_as_temporary_v<decltype(owning)&>);
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ < 13
  static_assert(!flowsdk::detail::safe_as_temporary_v<decltype(owning)>);
#endif

  auto body = [&]() -> asio::awaitable<void> {
    auto runs = wf.list_runs(im::list_runs_params{});
    std::vector<std::string> ids;
    for (;;) {
      auto run = co_await runs.next();  // into a local: hazard 6
      if (!run) break;
      ids.push_back(run->id);
    }
    EXPECT_GE(ids.size(), 10u);
    for (int round = 0; round < 3; ++round) {
      auto results = co_await flowsdk::fan_out(ids, 8, [&wf](std::string id) { return wf.get_run(std::move(id)); });
      EXPECT_EQ(results.size(), ids.size());
      for (std::size_t i = 0; i < results.size(); ++i) {
        EXPECT_TRUE(results[i].has_value()) << ids[i];
        if (results[i].has_value()) {
          EXPECT_EQ(results[i].value().id, ids[i]);
        }
      }
    }
  };
  flowsdk::test::run(io, body());
}
