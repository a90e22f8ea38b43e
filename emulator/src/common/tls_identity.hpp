#pragma once
// The emulator's TLS identity: a throw-away CA and a server certificate it signs, generated in
// memory so that tests and demos need no files and no network.

#include <string>
#include <vector>

namespace flowsdk::emulator::detail {

struct tls_identity {
  std::string ca_cert_pem;
  std::string server_cert_pem;  ///< the leaf only; serve it followed by ca_cert_pem
  std::string server_key_pem;   ///< PKCS#8
};

/// EC P-256 keys, SHA-256 signatures. `names` become the server certificate's subject alternative
/// names: entries that parse as IPv4/IPv6 addresses become IP SANs, the others DNS SANs.
/// Throws std::runtime_error with OpenSSL's message on failure.
tls_identity make_tls_identity(const std::vector<std::string>& names);

}  // namespace flowsdk::emulator::detail
