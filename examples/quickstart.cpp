// Quickstart: build and publish a webhook flow, trigger it, page through its runs and look up
// many runs concurrently. scripts/demo.sh runs it against the local emulator:
//
//   quickstart --base-url https://127.0.0.1:PORT --ca-file ca.pem --api-key api_emulator_key
//
// Against the real gateway: quickstart --api-key "$IMBRACE_API_KEY" (system CA store).
#include <flowsdk/flowsdk.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/json/serialize.hpp>

#include <cstdlib>
#include <iostream>
#include <map>
#include <string>

namespace asio = boost::asio;
namespace json = boost::json;
namespace im = flowsdk::imbrace;

namespace {

asio::awaitable<void> pause(std::chrono::milliseconds d) {
  asio::steady_timer t(co_await asio::this_coro::executor, d);
  co_await t.async_wait(asio::use_awaitable);
}

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

  // 4. Page through this flow's runs, waiting until they have all finished.
  im::list_runs_params mine;
  mine.flow_id = flow.id;
  mine.limit = 2;
  for (int round = 0;; ++round) {
    auto runs = wf.list_runs(mine);
    int total = 0, finished = 0;
    while (auto page = co_await runs.next_page()) {
      for (const auto& run : page->items) {
        ++total;
        if (run.status.is_terminal()) ++finished;
      }
    }
    std::cout << "runs of the flow: " << finished << " of " << total << " finished (" << runs.pages_fetched()
              << " pages of 2)\n";
    if (finished == total || round == 50) break;
    co_await pause(std::chrono::milliseconds(100));
  }

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

std::string arg_or_env(int argc, char** argv, const std::string& flag, const char* env, std::string fallback) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (argv[i] == flag) return argv[i + 1];
  }
  if (const char* v = std::getenv(env)) return v;
  return fallback;
}

}  // namespace

int main(int argc, char** argv) {
  im::client_options options;
  options.gateway = arg_or_env(argc, argv, "--base-url", "IMBRACE_GATEWAY_URL", im::stable_gateway);
  options.transport.tls.ca_file = arg_or_env(argc, argv, "--ca-file", "IMBRACE_CA_FILE", "");
  const std::string key = arg_or_env(argc, argv, "--api-key", "IMBRACE_API_KEY", "");
  if (key.empty()) {
    std::cerr << "usage: quickstart --api-key KEY [--base-url URL] [--ca-file PEM]\n";
    return 2;
  }

  int status = 0;
  try {
    options.credentials = im::credentials::api_key(key);
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
