// The list of emulated APIs: the only shared file a new vendor touches (besides its options and
// seed in flowsdk/emulator/server.hpp).

#include "cloudflare/routes.hpp"
#include "common/vendor.hpp"
#include "imbrace/routes.hpp"
#include "tenex/routes.hpp"

namespace flowsdk::emulator::detail {

std::vector<std::shared_ptr<vendor>> make_vendors(const vendor_context& ctx) {
  return {std::make_shared<cloudflare_routes>(ctx), std::make_shared<imbrace_routes>(ctx),
          std::make_shared<tenex_routes>(ctx)};
}

}  // namespace flowsdk::emulator::detail
