#pragma once
// Header lookups shared by whole and streamed responses, and the check of a host name that
// goes into a Host header.

#include "flowsdk/http/request.hpp"

#include <string_view>

namespace flowsdk::http::detail {

bool iequals(std::string_view a, std::string_view b) noexcept;

/// Whether `host` holds only what a DNS name can (letters, digits, '-', '.', '_'): a host that
/// goes into a Host header, SNI or a CONNECT line (a CR or LF would inject a header).
bool dns_name(std::string_view host) noexcept;

/// The first header with this name (compared case-insensitively); empty if absent.
std::string_view find_header(const header_list& headers, std::string_view name) noexcept;

/// The server's request id, from whichever header the vendor uses; empty if none.
std::string_view request_id_of(const header_list& headers) noexcept;

}  // namespace flowsdk::http::detail
