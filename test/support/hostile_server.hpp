#pragma once
// A server on loopback that misbehaves on cue, for the hostile-server suite
// (test/integration/hostile_server_test.cpp, docs/testing.md). Each accepted connection runs a
// script: a coroutine that reads the request and answers as badly as the test wants, at the
// byte level (garbage, dribbles, resets), optionally behind TLS with a certificate the test
// chose (expired, misnamed, self-signed).

#include "flowsdk/http/origin.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace flowsdk::test {

// ---- certificates ----------------------------------------------------------------------------

/// What the hostile TLS server presents and what the client is told to trust.
struct test_certificate {
  std::string ca_pem;     ///< a CA for tls_options::ca_pem
  std::string chain_pem;  ///< the server's leaf (and the CA that signed it, if any)
  std::string key_pem;    ///< the leaf's private key
};

/// How to make one. The emulator's generator (emulator/src/common/tls_identity.hpp) makes only
/// valid certificates and is private to the emulator library, so the suite has its own.
struct certificate_spec {
  std::vector<std::string> names{"127.0.0.1"};  ///< subject alternative names (IP or DNS)
  std::chrono::seconds not_before{-3600};       ///< relative to now
  std::chrono::seconds not_after{24 * 3600};
  bool self_signed = false;  ///< signed by its own key: ca_pem is then an unrelated CA
};

namespace detail {

template <class T, void (*Free)(T*)>
struct ossl_free {
  void operator()(T* p) const { Free(p); }
};
using pkey_ptr = std::unique_ptr<EVP_PKEY, ossl_free<EVP_PKEY, EVP_PKEY_free>>;
using x509_ptr = std::unique_ptr<X509, ossl_free<X509, X509_free>>;
using bio_ptr = std::unique_ptr<BIO, ossl_free<BIO, BIO_free_all>>;
using ext_ptr = std::unique_ptr<X509_EXTENSION, ossl_free<X509_EXTENSION, X509_EXTENSION_free>>;

inline void ossl_check(bool ok, const char* what) {
  if (ok) return;
  char reason[256] = "unknown error";
  if (const unsigned long e = ERR_get_error(); e != 0) ERR_error_string_n(e, reason, sizeof reason);
  ERR_clear_error();
  throw std::runtime_error(std::string("test certificate: ") + what + ": " + reason);
}

inline pkey_ptr p256_key() {
  pkey_ptr key{EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256")};
  ossl_check(key != nullptr, "key generation");
  return key;
}

inline void add_extension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  ext_ptr ext{X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str())};
  ossl_check(ext != nullptr, "extension");
  ossl_check(X509_add_ext(cert, ext.get(), -1) == 1, "X509_add_ext");
}

// An unsigned v3 certificate for `key` named `common_name`, valid over [not_before, not_after].
inline x509_ptr unsigned_certificate(EVP_PKEY* key, const std::string& common_name, std::chrono::seconds not_before,
                                     std::chrono::seconds not_after) {
  x509_ptr cert{X509_new()};
  ossl_check(cert != nullptr, "X509_new");
  ossl_check(X509_set_version(cert.get(), X509_VERSION_3) == 1, "version");
  std::unique_ptr<BIGNUM, ossl_free<BIGNUM, BN_free>> serial{BN_new()};
  ossl_check(serial && BN_rand(serial.get(), 64, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) == 1, "serial");
  ossl_check(BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())) != nullptr, "serial");
  ossl_check(X509_gmtime_adj(X509_getm_notBefore(cert.get()), not_before.count()) != nullptr, "notBefore");
  ossl_check(X509_gmtime_adj(X509_getm_notAfter(cert.get()), not_after.count()) != nullptr, "notAfter");
  ossl_check(X509_set_pubkey(cert.get(), key) == 1, "pubkey");
  const auto* cn = reinterpret_cast<const unsigned char*>(common_name.c_str());
  ossl_check(X509_NAME_add_entry_by_txt(X509_get_subject_name(cert.get()), "CN", MBSTRING_ASC, cn, -1, -1, 0) == 1,
             "subject");
  return cert;
}

inline std::string pem_of(X509* cert) {
  bio_ptr bio{BIO_new(BIO_s_mem())};
  ossl_check(bio && PEM_write_bio_X509(bio.get(), cert) == 1, "PEM");
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

inline std::string pem_of(EVP_PKEY* key) {
  bio_ptr bio{BIO_new(BIO_s_mem())};
  ossl_check(bio && PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1, "PEM");
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

}  // namespace detail

/// EC P-256, SHA-256: a CA and a leaf it signs (or a self-signed leaf), per `spec`.
inline test_certificate make_test_certificate(const certificate_spec& spec) {
  using namespace detail;
  const auto ca_key = p256_key();
  const auto ca = unsigned_certificate(ca_key.get(), "flowsdk hostile-test CA", std::chrono::seconds(-3600),
                                       std::chrono::seconds(24 * 3600));
  ossl_check(X509_set_issuer_name(ca.get(), X509_get_subject_name(ca.get())) == 1, "CA issuer");
  add_extension(ca.get(), ca.get(), NID_basic_constraints, "critical,CA:TRUE");
  add_extension(ca.get(), ca.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
  add_extension(ca.get(), ca.get(), NID_subject_key_identifier, "hash");
  ossl_check(X509_sign(ca.get(), ca_key.get(), EVP_sha256()) > 0, "CA signature");

  const auto key = p256_key();
  const auto leaf = unsigned_certificate(key.get(), spec.names.at(0), spec.not_before, spec.not_after);
  X509* issuer = spec.self_signed ? leaf.get() : ca.get();
  ossl_check(X509_set_issuer_name(leaf.get(), X509_get_subject_name(issuer)) == 1, "leaf issuer");
  std::string san;
  for (const auto& name : spec.names) {
    boost::system::error_code ec;
    boost::asio::ip::make_address(name, ec);
    san += (san.empty() ? "" : ",") + std::string(ec ? "DNS:" : "IP:") + name;
  }
  add_extension(leaf.get(), issuer, NID_basic_constraints, "critical,CA:FALSE");
  add_extension(leaf.get(), issuer, NID_ext_key_usage, "serverAuth");
  add_extension(leaf.get(), issuer, NID_subject_alt_name, san);
  ossl_check(X509_sign(leaf.get(), spec.self_signed ? key.get() : ca_key.get(), EVP_sha256()) > 0, "leaf signature");

  test_certificate out;
  out.ca_pem = pem_of(ca.get());
  out.chain_pem = pem_of(leaf.get()) + (spec.self_signed ? "" : out.ca_pem);
  out.key_pem = pem_of(key.get());
  return out;
}

// ---- the server ------------------------------------------------------------------------------

/// One accepted connection, as a script sees it. Every operation reports (false) rather than
/// throws when the client has gone, so a script just stops.
class hostile_peer {
  static constexpr auto use_tuple = boost::asio::as_tuple(boost::asio::use_awaitable);

  // Starts `op` on the TLS stream or the plain socket; both give the same awaitable type.
  // (Defined before its uses: they deduce their types from it.)
  template <class Operation>
  auto with_stream(Operation& op) {
    return tls_ ? op(*tls_) : op(*plain_);
  }

 public:
  using tcp = boost::asio::ip::tcp;

  hostile_peer(tcp::socket socket, boost::asio::ssl::context* tls, std::atomic<int>& requests)
      : timer_(socket.get_executor()), requests_(requests) {
    if (tls)
      tls_.emplace(std::move(socket), *tls);
    else
      plain_.emplace(std::move(socket));
  }

  /// The server half of the TLS handshake (true at once for plain TCP).
  boost::asio::awaitable<bool> handshake() {
    if (!tls_) co_return true;
    auto [ec] = co_await tls_->async_handshake(boost::asio::ssl::stream_base::server, use_tuple);
    co_return !ec;
  }

  /// Reads one request head (and a Content-Length body, if any); false if the client went away.
  boost::asio::awaitable<bool> read_request() {
    auto read_head = [this](auto& s) {
      return boost::asio::async_read_until(s, boost::asio::dynamic_buffer(in_), "\r\n\r\n", use_tuple);
    };
    auto [ec, head_size] = co_await with_stream(read_head);
    if (ec) co_return false;
    last_request_ = in_.substr(0, head_size);
    in_.erase(0, head_size);
    const std::size_t body = content_length(last_request_);
    if (body > in_.size()) {
      auto read_body = [this, body](auto& s) {
        return boost::asio::async_read(s, boost::asio::dynamic_buffer(in_),
                                       boost::asio::transfer_exactly(body - in_.size()), use_tuple);
      };
      auto [body_ec, n] = co_await with_stream(read_body);
      if (body_ec) co_return false;
    }
    in_.erase(0, body);
    ++requests_;
    co_return true;
  }

  /// The head of the request read last.
  const std::string& last_request() const noexcept { return last_request_; }

  boost::asio::awaitable<bool> write(std::string bytes) {
    auto send = [&bytes](auto& s) { return boost::asio::async_write(s, boost::asio::buffer(bytes), use_tuple); };
    auto [ec, n] = co_await with_stream(send);
    co_return !ec;
  }

  /// Writes `bytes` one at a time, `gap` apart: a server that is alive but never done.
  boost::asio::awaitable<bool> dribble(std::string bytes, std::chrono::milliseconds gap) {
    for (char c : bytes) {
      const bool sent = co_await write(std::string(1, c));
      if (!sent) co_return false;
      timer_.expires_after(gap);
      auto [ec] = co_await timer_.async_wait(use_tuple);
      if (ec) co_return false;
    }
    co_return true;
  }

  /// Writes `total` bytes of chunked body in chunks of `piece` bytes, without the last chunk,
  /// from one buffer: the server's memory stays flat however much it sends.
  boost::asio::awaitable<bool> write_chunks(std::size_t total, std::size_t piece) {
    std::string chunk;
    for (std::size_t sent = 0; sent < total; sent += piece) {
      const std::size_t n = std::min(piece, total - sent);
      if (chunk.empty() || n != piece) chunk = hex(n) + "\r\n" + std::string(n, 'x') + "\r\n";
      auto send = [&chunk](auto& s) { return boost::asio::async_write(s, boost::asio::buffer(chunk), use_tuple); };
      auto [ec, written] = co_await with_stream(send);
      if (ec) co_return false;
    }
    co_return true;
  }

  /// Reads and discards until the client closes (or the server stops): an answer that never comes.
  boost::asio::awaitable<void> hold() {
    char sink[4096];
    auto discard = [&sink](auto& s) { return s.async_read_some(boost::asio::buffer(sink), use_tuple); };
    for (;;) {
      auto [ec, n] = co_await with_stream(discard);
      if (ec) co_return;
    }
  }

  /// Reads nothing for `d` (or until the server stops): a client's write fills the socket
  /// buffers and then waits.
  boost::asio::awaitable<void> read_nothing_for(std::chrono::milliseconds d) {
    timer_.expires_after(d);
    auto [ec] = co_await timer_.async_wait(use_tuple);
    (void)ec;
  }

  /// Aborts the connection with a TCP RST instead of a FIN (SO_LINGER 0).
  void reset() noexcept {
    boost::system::error_code ignored;
    lowest().set_option(tcp::socket::linger(true, 0), ignored);
    lowest().close(ignored);
  }

  void close() noexcept {
    boost::system::error_code ignored;
    try {
      timer_.cancel();
    } catch (...) {
      // Only an OS failure to cancel a timer throws; the wait then ends on its own.
    }
    lowest().shutdown(tcp::socket::shutdown_both, ignored);
    lowest().close(ignored);
  }

 private:
  tcp::socket& lowest() noexcept { return tls_ ? tls_->next_layer() : *plain_; }

  static std::string hex(std::size_t n) {
    char digits[2 * sizeof n + 1];
    std::snprintf(digits, sizeof digits, "%zx", n);
    return digits;
  }

  static std::size_t content_length(std::string_view head) {
    std::string lower(head);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto at = lower.find("\r\ncontent-length:");
    return at == std::string::npos ? 0 : std::stoul(lower.substr(at + 17));
  }

  std::optional<tcp::socket> plain_;
  std::optional<boost::asio::ssl::stream<tcp::socket>> tls_;
  boost::asio::steady_timer timer_;
  std::string in_;
  std::string last_request_;
  std::atomic<int>& requests_;
};

/// What the server does with each accepted connection (after the TLS handshake, if any).
using hostile_script = std::function<boost::asio::awaitable<void>(std::shared_ptr<hostile_peer>)>;

/// A loopback server that runs `script` on every connection. By default it runs on its own
/// thread; given an executor it runs there instead and starts no thread (a forked child needs
/// that). Destruction closes every connection.
class hostile_server {
 public:
  explicit hostile_server(hostile_script script, std::optional<test_certificate> tls = {})
      : own_io_(std::in_place), state_(std::make_shared<shared>(own_io_->get_executor(), std::move(script), tls)) {
    start();
    thread_ = std::thread([this] { own_io_->run(); });
  }

  hostile_server(boost::asio::any_io_executor executor, hostile_script script, std::optional<test_certificate> tls = {})
      : state_(std::make_shared<shared>(std::move(executor), std::move(script), tls)) {
    start();
  }

  ~hostile_server() {
    if (thread_.joinable()) {
      boost::asio::post(*own_io_, [s = state_] { s->stop(); });
      thread_.join();
    } else {
      state_->stop();
    }
  }

  hostile_server(const hostile_server&) = delete;
  hostile_server& operator=(const hostile_server&) = delete;

  std::uint16_t port() const noexcept { return port_; }
  http::origin origin() const { return http::origin{state_->tls.has_value(), "127.0.0.1", port_}; }
  std::string base_url() const {
    return (state_->tls ? "https://127.0.0.1:" : "http://127.0.0.1:") + std::to_string(port_);
  }

  int connections() const noexcept { return state_->connections; }  ///< accepted so far
  int requests() const noexcept { return state_->requests; }        ///< request heads read so far

 private:
  using tcp = boost::asio::ip::tcp;

  // Everything the accept loop and the connections share; touched only on the server's executor.
  struct shared {
    shared(boost::asio::any_io_executor ex, hostile_script s, const std::optional<test_certificate>& certificate)
        : acceptor(ex, {boost::asio::ip::make_address("127.0.0.1"), 0}), script(std::move(s)) {
      if (!certificate) return;
      tls.emplace(boost::asio::ssl::context::tls_server);
      tls->use_certificate_chain(boost::asio::buffer(certificate->chain_pem));
      tls->use_private_key(boost::asio::buffer(certificate->key_pem), boost::asio::ssl::context::pem);
    }

    void stop() {
      boost::system::error_code ignored;
      acceptor.close(ignored);
      for (auto& weak : peers)
        if (auto p = weak.lock()) p->close();
      peers.clear();
    }

    tcp::acceptor acceptor;
    hostile_script script;
    std::optional<boost::asio::ssl::context> tls;
    std::vector<std::weak_ptr<hostile_peer>> peers;
    std::atomic<int> connections{0};
    std::atomic<int> requests{0};
  };

  static boost::asio::awaitable<void> serve(std::shared_ptr<shared> s, std::shared_ptr<hostile_peer> peer) {
    const bool secured = co_await peer->handshake();
    if (secured) {
      auto scripted = s->script(peer);
      co_await std::move(scripted);
    }
    peer->close();
  }

  static boost::asio::awaitable<void> accept_loop(std::shared_ptr<shared> s) {
    for (;;) {
      auto [ec, socket] = co_await s->acceptor.async_accept(boost::asio::as_tuple(boost::asio::use_awaitable));
      if (ec) co_return;  // closed by stop()
      ++s->connections;
      auto peer = std::make_shared<hostile_peer>(std::move(socket), s->tls ? &*s->tls : nullptr, s->requests);
      std::erase_if(s->peers, [](const auto& w) { return w.expired(); });
      s->peers.push_back(peer);
      boost::asio::co_spawn(s->acceptor.get_executor(), serve(s, peer), boost::asio::detached);
    }
  }

  void start() {
    port_ = state_->acceptor.local_endpoint().port();
    boost::asio::co_spawn(state_->acceptor.get_executor(), accept_loop(state_), boost::asio::detached);
  }

  std::optional<boost::asio::io_context> own_io_;
  std::shared_ptr<shared> state_;
  std::uint16_t port_ = 0;
  std::thread thread_;
};

}  // namespace flowsdk::test
