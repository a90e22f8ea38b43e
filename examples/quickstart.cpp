// Quickstart: build and publish a webhook flow, trigger it, wait for its runs, page through them
// and look up many runs concurrently. Configured from the environment (docs/configuration.md):
// IMBRACE_API_KEY (or IMBRACE_ACCESS_TOKEN), IMBRACE_GATEWAY_URL, FLOWSDK_CA_FILE, https_proxy
// (docs/proxies.md); each flag below sets its variable first. scripts/demo.sh runs it against the
// local emulator:
//
//   quickstart --base-url https://127.0.0.1:PORT --ca-file ca.pem --api-key api_emulator_key
//
// Through an HTTP proxy: add --proxy http://[user:password@]proxy:3128 (it sets https_proxy,
// which wins over HTTPS_PROXY as in curl).
//
// Against the real gateway: IMBRACE_API_KEY=... quickstart (system CA store).
#include <flowsdk/flowsdk.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json/serialize.hpp>

#include <cstdlib>
#include <iostream>
#include <map>
#include <string>

namespace asio = boost::asio;
namespace json = boost::json;
namespace im = flowsdk::imbrace;

namespace {

asio::awaitable<void> quickstart(im::client client) {
  auto wf = client.workflows();

  // 1. Build a flow: a webhook trigger, a code step, and a step that answers the caller.
  //    build_flow creates it, adds the trigger and steps in the order the engine needs, and
  //    publishes it.
  im::flow_spec spec("Quickstart greeter", im::flow_trigger::webhook());
  spec.steps.emplace_back(im::flow_action::code("normalise", "Normalise the name",
                                                "export const code = async (inputs) => ({ ok: true });"));
  json::object greeting{{"greeting", "hello"}, {"to", "{{trigger.body.name}}"}};
  spec.steps.emplace_back(im::flow_action::return_response("respond", greeting));
  spec.publish = true;
  auto flow = co_await wf.build_flow(spec);
  std::cout << "built flow " << flow.id << ", published version " << flow.published_version_id.value_or("?") << ", "
            << flow.status.value() << "\n";

  // 2. Edit it with a typed operation: rename the draft.
  flow = co_await wf.apply_flow_operation(flow.id, im::flow_operation::change_name("Quickstart greeter v2"));
  std::cout << "renamed the draft to \"" << flow.version.display_name << "\"\n";

  // 3. Trigger it: asynchronously (the run is queued) and synchronously (the flow answers).
  for (int i = 0; i < 3; ++i) {
    json::object payload{{"name", "async caller " + std::to_string(i)}};
    auto queued = co_await wf.trigger_flow(flow.id, payload);
    std::cout << "triggered run, webhook id " << queued.webhook_id << "\n";
  }
  json::object ada{{"name", "Ada"}};
  auto answer = co_await wf.trigger_flow_sync(flow.id, ada);
  std::cout << "sync trigger answered " << answer.status << ": " << answer.body << "\n";

  // 4. Page through this flow's runs and wait for each to end. The trigger's answer names no
  //    run (docs/imbrace.md, "Waiting for a run"), so the runs come from list_runs; wait_for_run
  //    polls each with backoff until its status is final.
  im::list_runs_params mine;
  mine.flow_id = flow.id;
  mine.limit = 2;
  auto runs = wf.list_runs(mine);
  flowsdk::wait_options briskly;
  briskly.initial_interval = std::chrono::milliseconds(50);
  briskly.timeout = std::chrono::seconds(60);
  while (auto run = co_await runs.next()) {
    im::flow_run ended = co_await wf.wait_for_run(run->id, briskly);
    std::cout << "run " << ended.id << " ended " << ended.status.value() << "\n";
  }
  std::cout << "runs of the flow came in " << runs.pages_fetched() << " pages of 2\n";

  // 5. Look up every run in the project concurrently, at most 16 requests in flight.
  std::vector<std::string> ids;
  auto all = wf.list_runs();
  while (auto run = co_await all.next()) ids.push_back(run->id);
  auto lookup = [wf](std::string id) { return wf.get_run(std::move(id)); };
  auto results = co_await flowsdk::fan_out(ids, 16, lookup);
  std::map<std::string, int> by_status;
  for (const auto& r : results) by_status[r.has_value() ? r.value().status.value() : "lookup failed"]++;
  std::cout << "looked up " << results.size() << " runs:";
  for (const auto& [status, count] : by_status) std::cout << " " << status << "=" << count;
  auto pool = client.pool_stats();
  std::cout << "\nconnections: " << pool.created << " opened, " << pool.reused << " reuses\n";

  // 6. Clean up.
  co_await wf.delete_flow(flow.id);
  std::cout << "deleted flow " << flow.id << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  // Each flag is a shorthand for its environment variable.
  const std::map<std::string, const char*> flags{{"--base-url", "IMBRACE_GATEWAY_URL"},
                                                 {"--ca-file", "FLOWSDK_CA_FILE"},
                                                 {"--api-key", "IMBRACE_API_KEY"},
                                                 {"--proxy", "https_proxy"}};
  for (int i = 1; i < argc; i += 2) {
    auto flag = flags.find(argv[i]);
    if (flag == flags.end() || i + 1 == argc) {
      std::cerr << "usage: quickstart [--api-key KEY] [--base-url URL] [--ca-file PEM] [--proxy URL]\n";
      return 2;
    }
    ::setenv(flag->second, argv[i + 1], 1);
  }
  im::client_options options;
  try {
    options = im::client_options::from_env();
  } catch (const flowsdk::error& e) {
    std::cerr << "quickstart: " << e.what() << "\n";  // names the variable that is missing
    return 2;
  }

  int status = 0;
  try {
    asio::io_context io;
    im::client client(io.get_executor(), options);
    asio::co_spawn(io, quickstart(client), [&](std::exception_ptr e) {
      if (!e) return;
      status = 1;
      try {
        std::rethrow_exception(e);
      } catch (const flowsdk::error& err) {
        std::cerr << "quickstart failed: " << err.what() << "\n";
      } catch (const std::exception& err) {
        std::cerr << "quickstart failed: " << err.what() << "\n";
      }
    });
    io.run();
  } catch (const std::exception& e) {
    std::cerr << "quickstart: " << e.what() << "\n";
    return 1;
  }
  return status;
}
