// The Imbrace mix: reads of the seed fixture, paged lists, a webhook trigger, and two creates
// whose display name is the nonce (folders and flows, read back with list_folders and list_flows).
#include "soak.hpp"

#include "flowsdk/imbrace/client.hpp"

namespace flowsdk::soak {
namespace {

namespace im = flowsdk::imbrace;

class imbrace_workload final : public workload {
 public:
  explicit imbrace_workload(const environment& env)
      : client_(env.transport, options_for(env.emu)),
        wf_(client_.workflows()),
        seed_(env.emu.seed().imbrace),
        prefix_(env.nonce_prefix) {}

  call make_call(std::uint64_t seq, std::mt19937_64& rng, request_options o) const override {
    switch (pick(rng, {12, 8, 6, 6, 4, 8, 8, 6, 10, 10, 4})) {
      case 0:
        return {"get_flow", {}, discard(wf_.get_flow(seed_.echo_flow_id, o))};
      case 1:
        return {"get_folder", {}, discard(wf_.get_folder(seed_.folder_id, o))};
      case 2:
        return {"get_connection", {}, discard(wf_.get_connection(seed_.connection_id, o))};
      case 3:
        return {"get_table", {}, discard(wf_.get_table(seed_.table_id, o))};
      case 4:
        return {"get_missing_run", {}, discard(wf_.get_run("soakMissingRun" + std::to_string(seq), o))};
      case 5: {
        im::list_flows_params p;
        p.limit = 5;
        return {"list_flows", {}, first_pages(wf_.list_flows(p, o), 2)};
      }
      case 6: {
        im::list_runs_params p;
        p.limit = 10;
        p.flow_id = seed_.echo_flow_id;
        return {"list_runs", {}, first_pages(wf_.list_runs(p, o), 2)};
      }
      case 7: {
        boost::json::object payload{{"seq", seq}};
        return {"trigger_flow", {}, discard(wf_.trigger_flow(seed_.echo_flow_id, std::move(payload), o))};
      }
      case 8: {
        auto nonce = nonce_of(seq);
        im::create_folder_request r(nonce, seed_.project_id);
        return {"create_folder", std::move(nonce), id_of(wf_.create_folder(std::move(r), o))};
      }
      case 9: {
        // Without a project id half of the time: the lookup and the create then share the deadline.
        auto nonce = nonce_of(seq);
        im::create_flow_request r(nonce);
        if (seq % 2) r.project_id = seed_.project_id;
        return {"create_flow", std::move(nonce), id_of(wf_.create_flow(std::move(r), o))};
      }
      default: {
        im::page_params p;
        p.limit = 5;
        return {"list_folders", {}, first_pages(wf_.list_folders(p, o), 2)};
      }
    }
  }

  asio::awaitable<std::vector<created_object>> read_back(request_options o) const override {
    std::vector<created_object> found;
    im::page_params fp;
    fp.limit = 100;
    auto folders = wf_.list_folders(fp, o);
    // Awaited into a local, never in the loop's condition (docs/coroutine-hazards.md, hazard 6).
    for (;;) {
      auto f = co_await folders.next();
      if (!f) break;
      if (f->display_name.starts_with(prefix_)) found.push_back({f->display_name, f->id});
    }
    im::list_flows_params lp;
    lp.limit = 100;
    auto flows = wf_.list_flows(lp, o);
    for (;;) {
      auto f = co_await flows.next();
      if (!f) break;
      if (f->version.display_name.starts_with(prefix_)) found.push_back({f->version.display_name, f->id});
    }
    co_return found;
  }

 private:
  static im::client_options options_for(emulator::server& emu) {
    im::client_options o;
    o.gateway = emu.base_url();
    o.credentials = im::credentials::api_key("api_emulator_key");
    return o;
  }

  std::string nonce_of(std::uint64_t seq) const { return prefix_ + std::to_string(seq); }

  im::client client_;
  im::workflows wf_;
  emulator::imbrace_seed seed_;
  std::string prefix_;
};

}  // namespace

std::unique_ptr<workload> make_imbrace_workload(const environment& env) {
  return std::make_unique<imbrace_workload>(env);
}

}  // namespace flowsdk::soak
