#pragma once
// A real HTTP proxy for the proxy tests (test/integration/proxy_test.cpp, docs/proxies.md):
// Debian's tinyproxy (scripts/setup-deps.sh installs it) run as a child process on a loopback
// port, with a configuration written into a temporary directory and its log read back, so a
// test can see that a request went through it.
//
// tinyproxy has no "Port 0": a free port is found by binding port 0 and closing it, and the
// start is retried on another port if tinyproxy cannot listen there. A missing tinyproxy is an
// error, never a skip: CI installs it. FLOWSDK_TINYPROXY overrides /usr/bin/tinyproxy.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <spawn.h>
#include <sstream>
#include <stdexcept>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace flowsdk::test {

/// What the proxy allows.
struct tinyproxy_config {
  /// Ports CONNECT may reach. tinyproxy allows every port when none is listed; the tests list
  /// the origin's, or another one to be refused with 403.
  std::vector<std::uint16_t> connect_ports;
  /// With a user, tinyproxy asks for Basic credentials (407 without them).
  std::string user;
  std::string password;
};

class tinyproxy {
 public:
  explicit tinyproxy(tinyproxy_config config) : config_(std::move(config)) {
    const std::string bin = binary();
    if (::access(bin.c_str(), X_OK) != 0) {
      throw std::runtime_error("tinyproxy not found at " + bin +
                               ": install it (scripts/setup-deps.sh) or point FLOWSDK_TINYPROXY at it");
    }
    char dir_template[] = "/tmp/flowsdk-tinyproxy-XXXXXX";
    if (::mkdtemp(dir_template) == nullptr) throw std::runtime_error("tinyproxy: mkdtemp failed");
    dir_ = dir_template;
    std::string last_log;
    for (int attempt = 0; attempt < 5; ++attempt) {
      port_ = free_port();
      if (start(bin)) return;
      last_log = log();
      stop();
    }
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);  // the destructor does not run for a constructor that throws
    throw std::runtime_error("tinyproxy did not start; its output:\n" + last_log);
  }

  tinyproxy(const tinyproxy&) = delete;
  tinyproxy& operator=(const tinyproxy&) = delete;

  ~tinyproxy() {
    stop();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  std::uint16_t port() const noexcept { return port_; }
  /// "http://127.0.0.1:PORT", without credentials.
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  /// "http://user:password@127.0.0.1:PORT".
  std::string url_with(const std::string& user, const std::string& password) const {
    return "http://" + user + ":" + password + "@127.0.0.1:" + std::to_string(port_);
  }

  /// Everything tinyproxy logged so far (its requests at LogLevel Connect).
  std::string log() const {
    std::ifstream in(dir_ + "/tinyproxy.log");
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

  /// How many requests whose request line starts with `start` ("CONNECT 127.0.0.1:8443",
  /// "GET http://127.0.0.1:8080/") the proxy has received.
  std::size_t requests(const std::string& start) const {
    const std::string text = log();
    const std::string marker = "): " + start;
    std::size_t n = 0;
    for (auto at = text.find(marker); at != std::string::npos; at = text.find(marker, at + 1)) ++n;
    return n;
  }

  static std::string binary() {
    const char* path = std::getenv("FLOWSDK_TINYPROXY");
    return path && *path ? path : "/usr/bin/tinyproxy";
  }

 private:
  static std::uint16_t free_port() {
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor a(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
    return a.local_endpoint().port();
  }

  // Writes the configuration, spawns tinyproxy and waits until it accepts connections; false
  // if it exited first (the port was taken meanwhile) or never listened.
  bool start(const std::string& bin) {
    const std::string conf = dir_ + "/tinyproxy.conf";
    {
      std::ofstream out(conf);
      out << "Port " << port_ << "\nListen 127.0.0.1\nTimeout 30\nMaxClients 64\nLogLevel Connect\n";
      for (auto p : config_.connect_ports) out << "ConnectPort " << p << "\n";
      if (!config_.user.empty()) out << "BasicAuth " << config_.user << " " << config_.password << "\n";
    }
    const std::string log_path = dir_ + "/tinyproxy.log";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    std::string arg0 = bin, arg1 = "-d", arg2 = "-c";
    std::string arg3 = conf;
    char* argv[] = {arg0.data(), arg1.data(), arg2.data(), arg3.data(), nullptr};
    const int spawned = ::posix_spawn(&pid_, bin.c_str(), &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
      pid_ = -1;
      throw std::runtime_error("could not start " + bin);
    }
    for (int i = 0; i < 100; ++i) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return false;
      }
      if (accepts()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

  bool accepts() const {
    boost::asio::io_context io;
    boost::asio::ip::tcp::socket s(io);
    boost::system::error_code ec;
    s.connect({boost::asio::ip::make_address("127.0.0.1"), port_}, ec);
    return !ec;
  }

  void stop() noexcept {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }

  tinyproxy_config config_;
  std::string dir_;
  std::uint16_t port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace flowsdk::test
