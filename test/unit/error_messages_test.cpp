// docs/errors.md shows what() exactly as the SDK prints it: this test makes each documented error,
// through the SDK wherever a fake network can produce it, and compares the doc's list with what().
#include "flowsdk/flowsdk.hpp"

#include "flowsdk/testing/fake_network.hpp"
#include "http/proxy.hpp"
#include "support/run.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace flowsdk;
namespace im = flowsdk::imbrace;
namespace kit = flowsdk::testing;

namespace {

// The lines of the ```text block under "## What `what()` prints" in docs/errors.md.
std::vector<std::string> documented_messages() {
  const auto path = std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() / "docs" / "errors.md";
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string doc = ss.str();
  const auto heading = doc.find("## What `what()` prints");
  if (heading == std::string::npos) throw std::runtime_error("docs/errors.md lost its message list");
  const std::string open = "```text\n";
  const auto begin = doc.find(open, heading);
  const auto end = doc.find("\n```", begin + open.size());
  if (begin == std::string::npos || end == std::string::npos) throw std::runtime_error("no ```text block");
  std::vector<std::string> lines;
  std::istringstream block(doc.substr(begin + open.size(), end - begin - open.size()));
  for (std::string line; std::getline(block, line);) lines.push_back(line);
  return lines;
}

im::client imbrace_client(std::shared_ptr<kit::fake_network> net) {
  im::client_options o;
  o.gateway = "https://gw.example.com";
  o.credentials = im::credentials::api_key("api_test");
  o.transport.sleep = [](std::chrono::milliseconds) -> boost::asio::awaitable<void> { co_return; };
  return im::client(std::make_shared<http::transport>(net, o.transport), o);
}

template <class T>
std::string what_of(boost::asio::awaitable<T> call) {
  try {
    flowsdk::test::run(std::move(call));
  } catch (const error& e) {
    return e.what();
  }
  return "<no error>";
}

std::string what_of(errc code, error_details d) { return error(code, std::move(d)).what(); }

error_details request(const char* method, const char* target, int attempts) {
  error_details d;
  d.method = method;
  d.target = target;
  d.attempts = attempts;
  return d;
}

// Each documented error, in the doc's order.
std::vector<std::string> produced_messages() {
  std::vector<std::string> out;
  {
    auto net = std::make_shared<kit::fake_network>();
    net->push(kit::reply::status(404, R"({"code":"ENTITY_NOT_FOUND","params":{"message":"flow x not found"}})",
                                 {{"x-request-id", "7f3a"}}));
    out.push_back(what_of(imbrace_client(net).workflows().get_flow("x")));
  }
  {
    auto net = std::make_shared<kit::fake_network>();
    for (int i = 0; i < 3; ++i) net->push(kit::reply::status(503, "", {{"x-request-id", "7f3b"}}));
    out.push_back(what_of(imbrace_client(net).workflows().get_run("r1")));
  }
  {
    // Built by hand: the 10ex client's validation errors (test/unit/tenex_*_test.cpp decode them).
    auto d = request("POST", "/api/v1/flows/workflows", 1);
    d.http_status = 422;
    d.vendor_errors = {{"FST_ERR_VALIDATION", "body/input must have required property 'lead_id'", {}},
                       {"FST_ERR_VALIDATION", "body/input/limit must be <= 100", {}}};
    d.vendor_code = d.vendor_errors[0].code;
    d.vendor_message = d.vendor_errors[0].message;
    out.push_back(what_of(errc::unprocessable, d));
  }
  // Connection failures come from the socket layer, which a fake network skips: these are built
  // as src/http/connection.cpp words them (test/integration/transport_test.cpp checks the code).
  {
    auto d = request("GET", "/activepieces/v1/flow-runs/r1", 3);
    d.cause = "connect to 127.0.0.1:9: Connection refused";
    out.push_back(what_of(errc::connect_failed, d));
  }
  {
    auto d = request("GET", "/activepieces/v1/flow-runs/r1", 1);
    d.cause = "resolve nonexistent.invalid:443: Host not found (authoritative)";
    out.push_back(what_of(errc::resolve_failed, d));
  }
  {
    auto d = request("GET", "/activepieces/v1/flow-runs/r1", 1);
    d.cause =
        "TLS handshake with gateway.example.com:443: certificate verify failed (SSL routines): unable to get local "
        "issuer certificate; to trust the CA that issued the server's certificate, set tls_options::ca_file or "
        "tls_options::ca_pem to it, or add it to the system store";
    out.push_back(what_of(errc::tls_failed, d));
  }
  {
    // A proxy's refusal, in the words of src/http/proxy.cpp (test/integration/proxy_test.cpp
    // gets it from tinyproxy).
    auto d = request("GET", "/activepieces/v1/flow-runs/r1", 1);
    const auto via = http::detail::parse_proxy_url("http://proxy.corp:3128", "proxy", {}, {});
    const auto code = http::detail::judge_connect_reply(407, "Proxy Authentication Required",
                                                        http::origin{true, "gateway.example.com", 443}, via, d.cause);
    out.push_back(what_of(static_cast<errc>(code.value()), d));
  }
  {
    auto net = std::make_shared<kit::fake_network>();
    request_options o;
    o.deadline = std::chrono::steady_clock::now() - std::chrono::milliseconds(1);
    out.push_back(what_of(imbrace_client(net).workflows().get_run("r1", o)));
  }
  {
    auto net = std::make_shared<kit::fake_network>();
    net->push(kit::reply::status(401, R"({"statusCode":401,"error":"Unauthorized","message":"Invalid API key"})"));
    out.push_back(what_of(imbrace_client(net).workflows().create_flow(im::create_flow_request("F"))));
  }
  {
    auto net = std::make_shared<kit::fake_network>();
    for (int i = 0; i < 3; ++i)
      net->push(kit::reply::failure(errc::connect_failed, false, "connect to 127.0.0.1:9: Connection refused"));
    out.push_back(what_of(imbrace_client(net).workflows().create_flow(im::create_flow_request("F"))));
  }
  {
    auto net = std::make_shared<kit::fake_network>();
    net->push(kit::reply::status(404, ""));
    net->push(kit::reply::status(200, R"({"data":[],"next":null})"));
    out.push_back(what_of(imbrace_client(net).workflows().build_flow(im::flow_spec("F", im::flow_trigger::webhook()))));
  }
  out.push_back(what_of(
      imbrace_client(std::make_shared<kit::fake_network>()).workflows().create_flow(im::create_flow_request(""))));
  return out;
}

}  // namespace

TEST(ErrorMessages, TheDocShowsExactlyWhatTheCodePrints) {
  const auto documented = documented_messages();
  const auto produced = produced_messages();
  ASSERT_EQ(documented.size(), produced.size());
  for (std::size_t i = 0; i < produced.size(); ++i) EXPECT_EQ(documented[i], produced[i]) << "line " << i + 1;
}

TEST(ErrorMessages, AProjectLookupKeepsItsFailuresCode) {
  auto net = std::make_shared<kit::fake_network>();
  net->push(kit::reply::status(401, R"({"message":"Invalid API key"})"));
  auto wf = imbrace_client(net).workflows();
  try {
    flowsdk::test::run(wf.create_flow(im::create_flow_request("F")));
    FAIL();
  } catch (const error& e) {
    EXPECT_EQ(e.code(), errc::unauthorized);
    EXPECT_EQ(e.http_status(), 401u);
    EXPECT_EQ(e.details().cause, "looking up the project for create_flow");
  }
  ASSERT_EQ(net->requests().size(), 1u);  // a refused key is not asked again through the flows

  // A failure of the fallback keeps its code too.
  net->push(kit::reply::status(404, ""));
  for (int i = 0; i < 3; ++i) net->push(kit::reply::status(500, ""));  // 5xx is retried
  try {
    flowsdk::test::run(wf.build_flow(im::flow_spec("F", im::flow_trigger::webhook())));
    FAIL();
  } catch (const error& e) {
    EXPECT_EQ(e.code(), errc::server_error);
    EXPECT_EQ(e.details().target, "/activepieces/v1/flows?limit=1");
    EXPECT_EQ(e.details().cause.rfind("looking up the project for build_flow through its first flow", 0), 0u)
        << e.details().cause;
  }
}
