#pragma once
// An Imbrace model; the conventions of all of them are in flowsdk/imbrace/models.hpp.

namespace flowsdk::imbrace {

/// Whom an invitation is for: the platform or one project. A closed enum on purpose: the
/// server rejects anything else, so the SDK makes it impossible to send.
enum class invitation_type { platform, project };

}  // namespace flowsdk::imbrace
