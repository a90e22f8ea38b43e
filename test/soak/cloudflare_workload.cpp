// The Cloudflare mix on the seed workflow: reads, paged lists, and instance creates whose params
// carry the nonce (the client picks the instance id, which makes the create safe to retry), read
// back by listing the workflow's instances and getting each new one.
#include "soak.hpp"

#include "flowsdk/cloudflare/client.hpp"
#include "flowsdk/core/fan_out.hpp"

#include <boost/json/parse.hpp>

#include <set>

namespace flowsdk::soak {
namespace {

namespace cf = flowsdk::cloudflare;
namespace json = boost::json;

class cloudflare_workload final : public workload {
 public:
  explicit cloudflare_workload(const environment& env)
      : client_(env.transport, options_for(env.emu)),
        workflows_(client_.workflows()),
        instances_(client_.instances()),
        seed_(env.emu.seed().cloudflare),
        prefix_(env.nonce_prefix) {}

  call make_call(std::uint64_t seq, std::mt19937_64& rng, request_options o) const override {
    const auto& workflow = seed_.workflow_name;
    switch (pick(rng, {12, 8, 4, 8, 6, 20})) {
      case 0: {
        const auto& id = seed_.instance_ids[seq % seed_.instance_ids.size()];
        return {"get_instance", {}, discard(instances_.get(workflow, id, {}, o))};
      }
      case 1:
        return {"get_workflow", {}, discard(workflows_.get_workflow(workflow, o))};
      case 2: {
        auto id = "soak-missing-" + std::to_string(seq);
        return {"get_missing_instance", {}, discard(instances_.get(workflow, std::move(id), {}, o))};
      }
      case 3: {
        cf::list_instances_params p;
        p.per_page = 10;
        return {"list_instances", {}, first_pages(instances_.list(workflow, p, o), 2)};
      }
      case 4: {
        cf::list_workflows_params p;
        return {"list_workflows", {}, first_pages(workflows_.list_workflows(p, o), 2)};
      }
      default: {
        auto nonce = prefix_ + std::to_string(seq);
        cf::instance_create c(json::object{{"nonce", nonce}});
        return {"create_instance", std::move(nonce), id_of(instances_.create(workflow, std::move(c), o)), true};
      }
    }
  }

  asio::awaitable<std::vector<created_object>> read_back(request_options o) const override {
    const std::set<std::string> seeded(seed_.instance_ids.begin(), seed_.instance_ids.end());
    std::vector<std::string> ids;
    cf::list_instances_params p;
    p.per_page = 100;
    auto list = instances_.list(seed_.workflow_name, p, o);
    for (;;) {
      auto i = co_await list.next();  // into a local (docs/coroutine-hazards.md, hazard 6)
      if (!i) break;
      if (!seeded.count(i->id)) ids.push_back(std::move(i->id));
    }

    // The summaries carry no params: get each instance for its nonce, a few at a time.
    auto nonce_of = [inst = instances_, workflow = seed_.workflow_name, o](std::string id) {
      return read_nonce(inst, workflow, std::move(id), o);
    };
    auto nonces = co_await fan_out(ids, 16, nonce_of);
    std::vector<created_object> found;
    for (std::size_t k = 0; k < ids.size(); ++k)
      if (nonces[k].value().starts_with(prefix_)) found.push_back({nonces[k].value(), ids[k]});
    co_return found;
  }

 private:
  static cf::client_options options_for(emulator::server& emu) {
    cf::client_options o;
    o.base_url = emu.base_url() + "/client/v4";
    o.account_id = "soak";
    o.credentials = cf::credentials::api_token("cf_emulator_token");
    return o;
  }

  // The nonce in an instance's params ("" if none); params may come back JSON-encoded.
  static asio::awaitable<std::string> read_nonce(cf::instances inst, std::string workflow, std::string id,
                                                 request_options o) {
    cf::get_instance_params p;
    p.simple = true;
    auto details = co_await inst.get(std::move(workflow), std::move(id), p, o);
    json::value params = details.params;
    if (params.is_string()) params = json::parse(params.get_string());
    const auto* nonce = params.is_object() ? params.as_object().if_contains("nonce") : nullptr;
    co_return nonce && nonce->is_string() ? std::string(nonce->get_string()) : std::string();
  }

  cf::client client_;
  cf::workflows workflows_;
  cf::instances instances_;
  emulator::cloudflare_seed seed_;
  std::string prefix_;
};

}  // namespace

std::unique_ptr<workload> make_cloudflare_workload(const environment& env) {
  return std::make_unique<cloudflare_workload>(env);
}

}  // namespace flowsdk::soak
