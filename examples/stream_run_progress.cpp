// stream_run_progress: instantiate a 10ex workflow template, trigger a run of it and print its
// progress live until it ends. Against the emulator:
//
//   flowsdk-emulator --port 8443 --ca-out ca.pem &
//   stream_run_progress --base-url https://127.0.0.1:8443/api/v1/flows --ca-file ca.pem
//       --api-key tnx_emu_alphasecret0001
//
// Configured from the environment (docs/configuration.md): TENEX_API_KEY, TENEX_API_BASE,
// FLOWSDK_CA_FILE; each flag sets its variable first. Against 10ex itself: TENEX_API_KEY alone.
#include <flowsdk/flowsdk.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json/serialize.hpp>

#include <cstdlib>
#include <iostream>
#include <map>
#include <string>

namespace asio = boost::asio;
namespace tenex = flowsdk::tenex;

namespace {

asio::awaitable<void> demo(tenex::client client) {
  // The catalogue (MCP: list_workflow_templates), one page at a time as it is walked.
  // (Each co_await into a named local first: docs/coroutine-hazards.md, hazard 6.)
  auto catalogue = client.templates().list();
  for (;;) {
    auto t = co_await catalogue.next();
    if (!t) break;
    std::cout << "template " << t->slug << ": " << t->name << "\n";
  }

  // A workflow from the lead-to-sequence template, active at once (MCP: create_workflow_from_template).
  tenex::template_inputs inputs(boost::json::object{{"lead_id", "lead_demo"}, {"sequence_id", "seq_welcome"}});
  inputs.name = "Lead to sequence (demo)";
  inputs.activate = true;
  tenex::workflow wf = co_await client.templates().instantiate("lead-to-sequence", inputs);
  std::cout << "workflow " << wf.id << " (" << wf.status.value() << ", version " << wf.latest_version << ")\n";

  // Trigger a run (MCP: trigger_workflow; the Idempotency-Key makes a retried POST safe) and
  // follow it: from the event stream, or by polling if the server will not stream.
  tenex::run_request request(boost::json::object{{"lead_id", "lead_demo"}, {"sequence_id", "seq_welcome"}});
  tenex::run_watch watch = co_await client.runs().trigger_and_watch(wf.id, request);
  std::cout << "run " << watch.run_id() << "\n";
  for (;;) {
    auto e = co_await watch.next();
    if (!e) break;
    std::cout << "  #" << e->seq << " " << e->kind.value();
    if (e->step_id) std::cout << " step " << *e->step_id;
    if (e->attempt) std::cout << " attempt " << *e->attempt;
    if (e->status) std::cout << " -> " << e->status->value();
    if (e->run) std::cout << " (" << e->run->status.value() << ")";
    if (!e->output.is_null()) std::cout << " output " << boost::json::serialize(e->output);
    if (e->error) std::cout << " error " << e->error->code << ": " << e->error->message;
    std::cout << "\n";
  }
  tenex::run done = co_await client.runs().get(watch.run_id());
  std::cout << "run " << done.id << " ended " << done.status.value() << (watch.polling() ? " (polled)" : "") << "\n";
  if (done.status != tenex::run_status::succeeded) throw std::runtime_error("the run did not succeed");
}

}  // namespace

int main(int argc, char** argv) {
  // Each flag is a shorthand for its environment variable (docs/configuration.md).
  const std::map<std::string, const char*> flags{
      {"--base-url", "TENEX_API_BASE"}, {"--ca-file", "FLOWSDK_CA_FILE"}, {"--api-key", "TENEX_API_KEY"}};
  for (int i = 1; i < argc; i += 2) {
    auto flag = flags.find(argv[i]);
    if (flag == flags.end() || i + 1 == argc) {
      std::cerr << "usage: stream_run_progress [--base-url URL] [--ca-file PEM] [--api-key tnx_...]\n";
      return 2;
    }
    ::setenv(flag->second, argv[i + 1], 1);
  }
  try {
    const tenex::client_options options = tenex::client_options::from_env();  // names a missing variable
    asio::io_context io;
    tenex::client client(io.get_executor(), options);
    std::exception_ptr failure;
    asio::co_spawn(io, demo(client), [&](std::exception_ptr e) { failure = e; });
    io.run();
    if (failure) std::rethrow_exception(failure);
  } catch (const std::exception& e) {
    std::cerr << "stream_run_progress: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
