#pragma once
// flowsdk_soak (docs/soak.md): one driver runs a vendor's mix of calls against the in-process
// emulator with injected faults, and one checker judges the outcome. A vendor contributes only
// a workload: how to build its client, one call of its mix, and how to read back what it created.

#include "flowsdk/core/request_options.hpp"
#include "flowsdk/emulator/server.hpp"
#include "flowsdk/http/transport.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace flowsdk::soak {

namespace asio = boost::asio;
using std::chrono::milliseconds;

/// What a workload gets to build its client: a transport the driver owns the settings of (TLS
/// trust, pool, deadlines, retries) and the emulator, for its base URL and seed fixture.
struct environment {
  std::shared_ptr<http::transport> transport;
  emulator::server& emu;
  /// Every nonce starts with it (a nonce is the prefix and the call's number), so that a read
  /// back tells this run's objects from the seed fixture's.
  std::string nonce_prefix;
};

/// One call of a vendor's mix. The driver awaits `run` under a deadline and judges the outcome.
struct call {
  call(std::string_view kind, std::string nonce, asio::awaitable<std::string> run, bool resend_safe = false)
      : kind(kind), nonce(std::move(nonce)), run(std::move(run)), resend_safe(resend_safe) {}

  std::string_view kind;  ///< a row of the summary: "get_flow", "create_folder", ...
  /// Set for a create: a unique value the created object carries, to find it again. A create's
  /// `run` answers the id of what it created; every other call answers "".
  std::string nonce;
  asio::awaitable<std::string> run;
  /// A create the SDK treats as safe to repeat (a Cloudflare create with a client-chosen id):
  /// besides counted retries, the pool may resend it on a fresh connection within one attempt
  /// (docs/retries-and-timeouts.md), so only `attempts` 0 proves it was not applied.
  bool resend_safe = false;
};

/// An object found when reading back: the nonce it carries and its id.
struct created_object {
  std::string nonce;
  std::string id;
};

/// A vendor's part of the soak. make_call runs on any io_context thread, concurrently with
/// itself: it must only read the workload's state.
class workload {
 public:
  virtual ~workload() = default;

  /// Call number `seq`; `rng` is seeded from the run's seed and `seq`, so a seed replays the mix.
  /// `options` carries the call's deadline and attempt timeout.
  virtual call make_call(std::uint64_t seq, std::mt19937_64& rng, request_options options) const = 0;

  /// Every object carrying a nonce, once per copy the server holds.
  virtual asio::awaitable<std::vector<created_object>> read_back(request_options options) const = 0;
};

/// A vendor the tool can drive: its name on the command line and how to make its workload.
struct vendor {
  std::string_view name;
  std::function<std::unique_ptr<workload>(const environment&)> make;
};

// One line per vendor; the list is in main.cpp. A new vendor adds its workload file and a line.
std::unique_ptr<workload> make_imbrace_workload(const environment& env);
std::unique_ptr<workload> make_cloudflare_workload(const environment& env);
std::unique_ptr<workload> make_tenex_workload(const environment& env);

/// Picks one of `weights.size()` choices with the given relative weights.
std::size_t pick(std::mt19937_64& rng, std::initializer_list<unsigned> weights);

/// A call that answers "" whatever `a` returns.
template <class T>
asio::awaitable<std::string> discard(asio::awaitable<T> a) {
  if constexpr (std::is_void_v<T>) {
    co_await std::move(a);
  } else {
    [[maybe_unused]] auto ignored = co_await std::move(a);
  }
  co_return std::string();
}

/// A create call: answers the `id` of what `a` returns.
template <class T>
asio::awaitable<std::string> id_of(asio::awaitable<T> a) {
  auto created = co_await std::move(a);
  co_return std::move(created.id);
}

/// Fetches up to `pages` pages of a list (a list call of the mix; the whole walk has one deadline).
template <class Paginator>
asio::awaitable<std::string> first_pages(Paginator p, int pages) {
  for (int i = 0; i < pages; ++i) {
    auto page = co_await p.next_page();
    if (!page || !page->next_token) break;
  }
  co_return std::string();
}

}  // namespace flowsdk::soak
