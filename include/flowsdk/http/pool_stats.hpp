#pragma once
#include <cstddef>
#include <cstdint>

namespace flowsdk::http {

/// A snapshot of the pools of one transport, summed over origins.
struct pool_stats {
  std::size_t open = 0;       ///< connections open now (idle + in use)
  std::size_t idle = 0;       ///< open and waiting to be reused
  std::size_t in_use = 0;     ///< leased to a request now
  std::size_t waiting = 0;    ///< requests waiting for a connection now
  std::uint64_t created = 0;  ///< connections opened so far
  std::uint64_t reused = 0;   ///< requests served on an already used connection so far
};

}  // namespace flowsdk::http
