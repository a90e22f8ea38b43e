#pragma once
// A deliberately small blocking HTTP client for the emulator tests: raw Beast over plain TCP or
// TLS, with socket-level receive timeouts so that a misbehaving server fails a test instead of
// hanging it.

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include <sys/socket.h>
#include <sys/time.h>

#include <chrono>
#include <concepts>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace boost::json {
/// For the tests' EXPECT_EQ(json_value, std_string): Boost 1.81 compares a json::value only with
/// another json::value. Found by argument-dependent lookup.
template <class S>
requires std::same_as<S, std::string>
bool operator==(const value& v, const S& s) {
  return v.is_string() && std::string_view(v.get_string().data(), v.get_string().size()) == s;
}
}  // namespace boost::json

namespace flowsdk::emulator::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace json = boost::json;
using tcp = asio::ip::tcp;

using response = http::response<http::string_body>;
using headers = std::vector<std::pair<std::string, std::string>>;

inline const headers api_key_auth = {{"x-api-key", "api_emulator_key"}};

class http_client {
 public:
  explicit http_client(std::uint16_t port, std::chrono::milliseconds timeout = std::chrono::seconds(10))
      : socket_(ioc_) {
    socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    timeval tv{};
    tv.tv_sec = static_cast<long>(timeout.count() / 1000);
    tv.tv_usec = static_cast<long>(timeout.count() % 1000 * 1000);
    setsockopt(socket_.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }

  /// Sends one request and reads the answer; throws boost::system::system_error on I/O errors.
  response request(http::verb method, const std::string& target, const std::string& body = {},
                   const headers& extra = api_key_auth) {
    write(method, target, body, extra);
    return read();
  }

  void write(http::verb method, const std::string& target, const std::string& body = {},
             const headers& extra = api_key_auth) {
    http::request<http::string_body> req{method, target, 11};
    req.set(http::field::host, "127.0.0.1");
    for (const auto& [k, v] : extra) req.set(k, v);
    if (!body.empty()) {
      req.set(http::field::content_type, "application/json");
      req.body() = body;
    }
    req.prepare_payload();
    http::write(socket_, req);
  }

  void write_raw(const std::string& bytes) { asio::write(socket_, asio::buffer(bytes)); }

  response read() {
    response res;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    http::read(socket_, buffer_, parser);
    return parser.release();
  }

  /// Reads until the server closes; returns the error that ended the read (eof, reset, ...).
  boost::system::error_code read_until_closed(std::string* received = nullptr) {
    boost::system::error_code ec;
    char buf[4096];
    for (;;) {
      const auto n = socket_.read_some(asio::buffer(buf), ec);
      if (received) received->append(buf, n);
      if (ec) return ec;
    }
  }

  tcp::socket& socket() { return socket_; }

 private:
  asio::io_context ioc_;
  tcp::socket socket_;
  beast::flat_buffer buffer_;
};

inline json::value parse(const response& res) { return json::parse(res.body()); }

/// One request on a fresh connection.
inline response call(std::uint16_t port, http::verb method, const std::string& target, const std::string& body = {},
                     const headers& extra = api_key_auth) {
  http_client c(port);
  return c.request(method, target, body, extra);
}

}  // namespace flowsdk::emulator::test
