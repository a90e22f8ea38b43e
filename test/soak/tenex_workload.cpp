// The 10ex mix on the seed workspace: reads, paged lists, a missing run, and manual runs whose
// input carries the nonce. A trigger sends an Idempotency-Key chosen once per call, so the SDK
// retries it like a GET and the emulator answers a replay with the first run: exactly one run per
// create, whatever the faults. Read back by listing the seed workflow's runs.
#include "soak.hpp"

#include "flowsdk/tenex/client.hpp"

namespace flowsdk::soak {
namespace {

namespace tenex = flowsdk::tenex;
namespace json = boost::json;

class tenex_workload final : public workload {
 public:
  explicit tenex_workload(const environment& env)
      : seed_(env.emu.seed().tenex.workspaces.at(0)),
        client_(env.transport, options_for(env.emu, seed_)),
        prefix_(env.nonce_prefix) {}

  call make_call(std::uint64_t seq, std::mt19937_64& rng, request_options o) const override {
    switch (pick(rng, {12, 8, 4, 8, 6, 20})) {
      case 0:
        return {"get_workflow", {}, discard(client_.workflows().get(seed_.workflow_id, o))};
      case 1:
        return {"get_template",
                {},
                discard(client_.templates().get(seed_.template_slugs.at(seq % seed_.template_slugs.size()), o))};
      case 2: {
        auto id = "run_soak_missing_" + std::to_string(seq);
        return {"get_missing_run", {}, discard(client_.runs().get(std::move(id), o))};
      }
      case 3: {
        tenex::list_runs_params p;
        p.workflow_id = seed_.workflow_id;
        p.limit = 10;
        return {"list_runs", {}, first_pages(client_.runs().list(p, o), 2)};
      }
      case 4:
        return {"list_templates", {}, first_pages(client_.templates().list({}, o), 2)};
      default: {
        auto nonce = prefix_ + std::to_string(seq);
        tenex::run_request r(json::object{{"lead_id", "lead_soak"}, {"nonce", nonce}});
        return {"trigger_run", std::move(nonce), id_of(client_.runs().trigger(seed_.workflow_id, std::move(r), o)),
                true};
      }
    }
  }

  asio::awaitable<std::vector<created_object>> read_back(request_options o) const override {
    tenex::list_runs_params p;
    p.workflow_id = seed_.workflow_id;
    p.limit = 200;
    auto runs = client_.runs().list(p, o);
    std::vector<created_object> found;
    for (;;) {
      auto r = co_await runs.next();  // into a local (docs/coroutine-hazards.md, hazard 6)
      if (!r) break;
      const auto* nonce = r->input.if_contains("nonce");
      if (nonce && nonce->is_string() && nonce->get_string().starts_with(prefix_))
        found.push_back({std::string(nonce->get_string()), r->id});
    }
    co_return found;
  }

 private:
  static tenex::client_options options_for(emulator::server& emu, const emulator::tenex_workspace_seed& seed) {
    tenex::client_options o;
    o.base_url = emu.base_url() + "/api/v1/flows";
    o.credentials = tenex::credentials::api_key(seed.api_key);
    return o;
  }

  emulator::tenex_workspace_seed seed_;
  tenex::client client_;
  std::string prefix_;
};

}  // namespace

std::unique_ptr<workload> make_tenex_workload(const environment& env) { return std::make_unique<tenex_workload>(env); }

}  // namespace flowsdk::soak
