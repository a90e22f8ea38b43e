#pragma once
// flowsdk emulator: an in-process HTTP(S) server that speaks the wire protocols of the APIs the
// SDK targets: the Imbrace flow engine (/activepieces/v1, /channel-service/v1), Cloudflare
// Workflows (/client/v4/accounts/{account_id}/workflows, /accounts/{account_id}/workflows) and the
// 10ex flows API (POST /api/v1/users/login and, under /api/v1/flows: templates,
// templates/{slug}, templates/{slug}/instantiate, workflows, workflows/{id}, workflows/{id}/graph,
// workflows/{id}/archive, workflows/{id}/versions[/{version}[/activate|/archive]],
// workflows/{id}/runs, runs, runs/{id}, runs/{id}/pause|resume|cancel, runs/{id}/steps[/{step_id}],
// runs/{id}/events (SSE), triggers, triggers/{id}, triggers/{id}/test; control routes
// POST /_emulator/tenex/events and GET /_emulator/tenex/deliveries; see docs/emulator.md).
//
// It is a test and demo fixture, not part of the SDK: it may own threads (background_server) and
// keeps all state in memory. TLS uses a CA and a server certificate generated at start-up.

#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace flowsdk::emulator {

/// What the server does to a request instead of (or while) answering it.
enum class fault_kind {
  http_status,            ///< answer `status` with a JSON error body (and Retry-After headers if set)
  reset_before_response,  ///< read the request, then reset the TCP connection without a byte
  stall,                  ///< read the request, then send nothing for `stall_for` (or until stopped)
  truncated_body,         ///< send headers with the full Content-Length, half the body, then close
                          ///< (a streamed body: its first piece, then close without the last chunk)
  malformed_json,         ///< answer 200 application/json with a body that is not JSON
};

struct fault {
  fault_kind kind = fault_kind::http_status;
  int status = 503;                        ///< for http_status
  std::string retry_after;                 ///< Retry-After header value; empty: no header
  std::string retry_after_ms;              ///< retry-after-ms header value; empty: no header
  std::chrono::milliseconds stall_for{0};  ///< for stall; 0 = until the connection or server closes
};

/// A scripted fault: the next `times` requests that match get `what`.
struct fault_rule {
  std::string method;       ///< "GET", "POST", ...; empty matches any method
  std::string path_prefix;  ///< matched against the path without the query; empty matches any
  fault what;
  int times = 1;
};

/// Random faults for soak runs, applied to requests that no rule matched. Probabilities in [0, 1].
struct fault_rates {
  double status_429 = 0;
  double status_503 = 0;
  double reset = 0;
  double stall = 0;
  double truncated = 0;
  double malformed = 0;
  std::chrono::milliseconds stall_for{2000};
};

/// The Imbrace routes (/activepieces/v1/..., /channel-service/v1/...).
struct imbrace_options {
  /// Accepted as `x-api-key: <key>` and as `Authorization: Bearer <key>`.
  std::vector<std::string> api_keys = {"api_emulator_key"};
  /// Accepted as `x-access-token: <token>`.
  std::vector<std::string> access_tokens = {"acc_emulator_token"};
  /// Accepted as `Authorization: Bearer <jwt>`.
  std::vector<std::string> jwts = {"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJlbXVsYXRvciJ9.c2lnbmF0dXJl"};
  /// How long a triggered run stays RUNNING, on the emulator's clock (see server::advance()).
  std::chrono::milliseconds run_duration{200};
  /// A sync webhook whose flow has no Return Response step waits this long (real time), then
  /// answers 204.
  std::chrono::milliseconds sync_timeout{30000};
  /// Status codes where the OpenAPI document and upstream Activepieces disagree. false (default):
  /// upstream's, POST /v1/app-connections 201 and DELETE /v1/user-invitations/{id} 204. true: the
  /// document's, 200 for both.
  bool spec_status_codes = false;
};

/// The Cloudflare Workflows routes. Credentials: `Authorization: Bearer <token>`, or the pair
/// X-Auth-Email + X-Auth-Key, or X-Auth-User-Service-Key.
struct cloudflare_options {
  std::vector<std::string> api_tokens = {"cf_emulator_token"};
  std::string api_email = "emulator@example.com";  ///< with api_key
  std::string api_key = "cf_emulator_key";         ///< with api_email
  std::vector<std::string> user_service_keys = {"v1.0-cf_emulator_service_key"};
  /// Multiplies every scripted duration (steps, sleeps, event timeouts, retry delays, queueing);
  /// 0.05 runs instances 20 times faster. Retention durations are not scaled.
  double time_scale = 1.0;
  /// For the fixtures of Cloudflare's generated SDKs (https://github.com/cloudflare/cloudflare-python):
  /// unknown workflows, instances and versions are made up on first reference, a duplicate
  /// instance_id returns the existing instance, page+cursor and unparsable cursors or dates are
  /// ignored, batch create accepts no body, events to finished instances are dropped.
  /// false (default): strict.
  bool permissive = false;
};

/// A 10ex API key (`tnx_<prefix>_<secret>`) and the workspace it is bound to.
struct tenex_api_key {
  tenex_api_key(std::string k, std::string ws) : key(std::move(k)), workspace(std::move(ws)) {}
  std::string key;
  std::string workspace;
};

/// A user that POST /api/v1/users/login accepts; its JWT is bound to `workspace`.
struct tenex_user {
  tenex_user(std::string e, std::string p, std::string ws)
      : email(std::move(e)), password(std::move(p)), workspace(std::move(ws)) {}
  std::string email;
  std::string password;
  std::string workspace;
};

/// How GET /runs/{id}/events answers, to make clients fall back to polling.
enum class tenex_stream_mode {
  stream,       ///< text/event-stream (default)
  refuse_json,  ///< 200 application/json with the Run, as a proxy that strips streaming might
  refuse_406,   ///< 406 {detail, code: "not_acceptable"}
  refuse_503,   ///< 503 {detail, code: "upstream_unavailable"}
};

/// The 10ex flows routes (/api/v1/flows/..., /api/v1/users/login). Durations are on the
/// emulator's clock (server::advance) unless a comment says otherwise.
struct tenex_options {
  /// Two keys in two workspaces, so tests can check that foreign ids give 404.
  std::vector<tenex_api_key> api_keys = {{"tnx_emu_alphasecret0001", "ws_alpha"},
                                         {"tnx_emu2_betasecret0002", "ws_beta"}};
  std::vector<tenex_user> users = {{"emulator@10ex.test", "emulator-password", "ws_alpha"}};
  std::string jwt_secret = "tenex-emulator-jwt-secret";  ///< HMAC-SHA256 key of the JWTs it issues
  std::chrono::seconds jwt_lifetime{3600};               ///< expires_in; checked on the emulator clock
  bool omit_total = false;                               ///< leave `total` out of every page
  std::chrono::milliseconds queue_delay{50};             ///< queued -> running
  std::chrono::milliseconds agent_duration{500};         ///< an agent step (config.emulator.duration_ms wins)
  std::chrono::milliseconds connector_duration{100};     ///< a connector action (likewise)
  int agent_progress_events = 0;                         ///< step.progress deltas per agent attempt
  /// `: keepalive` after this much silence on an event stream (real time).
  std::chrono::milliseconds keepalive_interval{15000};
  int stream_drop_after = 0;         ///< close each event stream without a terminal event after N events; 0 off
  bool stream_split_frames = false;  ///< write every event in three pieces, split mid-line
  /// End stream lines with "\r\n"; with stream_split_frames one cut falls between '\r' and '\n'
  /// and one inside a multi-byte UTF-8 sequence when the event has one.
  bool stream_crlf = false;
  /// Only the newest N events of a run can be replayed; resuming from an older id starts with a
  /// run.snapshot (0: every event is retained).
  int stream_retained_events = 0;
  tenex_stream_mode stream_mode = tenex_stream_mode::stream;
  /// Per-key token bucket of this many requests per minute, refilled on real (steady) time; 0 off.
  int rate_limit_per_minute = 0;
  bool rate_limit_retry_after = false;  ///< add Retry-After (seconds) to 429s
  /// The workspace webhook secrets (X-10ex-Signature); a workspace not listed signs with "".
  std::map<std::string, std::string> webhook_secrets = {{"ws_alpha", "whsec_alpha_emulator"},
                                                        {"ws_beta", "whsec_beta_emulator"}};
  /// Multiplies the webhook retry delays 1, 2, 4, 8, 16 s (tests use 0.01).
  double webhook_time_scale = 1.0;
};

struct server_options {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;  ///< 0: an ephemeral port, read it back with server::port()
  bool tls = true;
  /// Subject alternative names of the server certificate. The default fits a client that connects
  /// to 127.0.0.1 or localhost; tests give another name to provoke a host-name mismatch.
  std::vector<std::string> certificate_names = {"localhost", "127.0.0.1"};
  bool seed = true;  ///< create every vendor's seed fixture (server::seed() names it)
  fault_rates rates;
  std::uint64_t random_seed = 1;  ///< ids, random faults and jitter are drawn from it
  std::size_t max_request_body = 8 * 1024 * 1024;

  imbrace_options imbrace;
  cloudflare_options cloudflare;
  tenex_options tenex;
};

/// One request as the server received it, for tests that check what a client sent.
struct recorded_request {
  std::string method;
  std::string target;  ///< path and query, as sent
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

/// The Imbrace seed fixture.
struct imbrace_seed {
  std::string project_id;
  std::string echo_flow_id;      ///< enabled webhook flow with a Return Response step (echoes the body)
  std::string disabled_flow_id;  ///< a flow that was never published
  std::size_t run_count = 0;     ///< runs created for the seed flows
  std::string folder_id;         ///< folder "Onboarding"; holds disabled_flow_id
  std::string connection_id;     ///< SECRET_TEXT connection, externalId "slack-seed", piece-slack
  std::string table_id;          ///< table "Contacts" with four fields and three records
  std::string mcp_server_id;     ///< MCP server with one PIECE and one FLOW tool (the echo flow)
};

/// The Cloudflare seed fixture: every account (any account_id) starts with it.
struct cloudflare_seed {
  std::string workflow_name;              ///< runs script "echo"
  std::vector<std::string> instance_ids;  ///< complete instances of workflow_name
};

/// One 10ex workspace's seed fixture.
struct tenex_workspace_seed {
  std::string workspace;
  std::string api_key;                      ///< the first configured key of the workspace
  std::vector<std::string> template_slugs;  ///< "lead-to-sequence", "score-and-route", "webinar-follow-up"
  std::string workflow_id;                  ///< active; its graph: agent -> branch -> connector action | wait
};

/// The 10ex seed fixture: every workspace named by tenex_options::api_keys or users.
struct tenex_seed {
  std::vector<tenex_workspace_seed> workspaces;
};

/// Ids of the seed data (empty when server_options::seed is false).
struct seed_data {
  imbrace_seed imbrace;
  cloudflare_seed cloudflare;
  tenex_seed tenex;
};

struct server_stats {
  std::uint64_t connections_accepted = 0;
  std::uint64_t requests_served = 0;
  std::uint64_t faults_injected = 0;
};

/// The server. Runs on the given executor; start() binds and listens, stop() closes everything.
/// All member functions are thread-safe.
class server {
 public:
  explicit server(boost::asio::any_io_executor ex, server_options options = {});
  ~server();
  server(const server&) = delete;
  server& operator=(const server&) = delete;

  void start();  ///< after it returns, port() and base_url() are valid
  void stop();

  std::uint16_t port() const;
  std::string base_url() const;       ///< "https://127.0.0.1:PORT" (or http://)
  const std::string& ca_pem() const;  ///< PEM of the CA that signed the server certificate
  void write_ca_pem(const std::string& path) const;
  const seed_data& seed() const;
  server_stats stats() const;

  /// Moves the emulator's clock forward by `d` and runs what fell due (Imbrace runs finishing,
  /// Cloudflare instances advancing) before returning. The clock otherwise follows real time, so
  /// a test may either wait or advance.
  void advance(std::chrono::milliseconds d);

  void inject(fault_rule rule);
  void clear_faults();

  /// The last requests received (a bounded ring of the newest 256), oldest first.
  std::vector<recorded_request> recorded_requests() const;
  void clear_recorded_requests();

 private:
  struct impl;
  std::shared_ptr<impl> impl_;
};

/// A server on its own io_context and thread, for tests and benchmarks that run the client on
/// another io_context. The destructor stops the server and joins the thread.
class background_server {
 public:
  explicit background_server(server_options options = {}, int threads = 1);
  ~background_server();
  background_server(const background_server&) = delete;
  background_server& operator=(const background_server&) = delete;

  server& get();
  server* operator->() { return &get(); }

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace flowsdk::emulator
