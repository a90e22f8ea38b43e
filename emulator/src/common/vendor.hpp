#pragma once
// The interface of an emulated API. Each vendor lives in its own folder (src/imbrace,
// src/cloudflare) and is listed once in src/vendors.cpp; the server (server.cpp) knows vendors
// only through this interface.

#include "common/http_server.hpp"
#include "common/scheduler.hpp"
#include "flowsdk/emulator/server.hpp"

#include <boost/asio/any_io_executor.hpp>

#include <memory>
#include <string_view>
#include <vector>

namespace flowsdk::emulator::detail {

/// What the server hands a vendor when it makes one.
struct vendor_context {
  boost::asio::any_io_executor executor;
  const server_options& options;
  std::shared_ptr<scheduler> clock;  ///< the one clock; timestamps and timed work use it
};

class vendor {
 public:
  virtual ~vendor() = default;

  /// Whether this vendor answers `path` (without the query). Vendors' paths never overlap.
  virtual bool owns(std::string_view path) const = 0;

  /// Answers a request whose path owns() accepted. Called concurrently from every session; may
  /// throw api_error, which the server answers as it is.
  virtual void handle(http_request& req, std::string_view path, std::string_view query, reply& out) = 0;

  /// The body of an injected http_status fault on its paths, in this vendor's error format
  /// (faults.hpp has the message).
  virtual json::value fault_body(http::status status) const = 0;

  /// Creates the seed fixture and records its ids in `out`; called once, before serving, when
  /// server_options::seed is set.
  virtual void seed(seed_data& out) = 0;

  /// Stops whatever the vendor does on its own; its state stays readable. Idempotent.
  virtual void stop() = 0;
};

/// Every emulated API, in the order the server asks them (src/vendors.cpp).
std::vector<std::shared_ptr<vendor>> make_vendors(const vendor_context& ctx);

}  // namespace flowsdk::emulator::detail
