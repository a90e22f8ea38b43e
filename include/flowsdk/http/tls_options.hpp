#pragma once
#include <string>

namespace flowsdk::http {

/// How the client authenticates servers. Verification is on by default; the peer's certificate
/// must chain to a trusted CA and name the host the client connected to (SNI is always sent).
struct tls_options {
  bool verify_peer = true;  ///< false only for local experiments: it accepts any certificate
  std::string ca_file;      ///< PEM file of CAs to trust instead of the system store
  std::string ca_pem;       ///< PEM text of CAs to trust instead of the system store
};

}  // namespace flowsdk::http
