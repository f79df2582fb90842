// A child process for tests (an SMTP sink, a second `village serve`), killed when destroyed.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace village::testing {

class ChildProcess {
  public:
    // Starts `argv[0]` (a path) with `argv`, and the current environment plus `env`; output to
    // `log_path` (appended), or inherited when empty. Throws when it cannot start.
    ChildProcess(std::vector<std::string> argv, std::map<std::string, std::string> const& env,
                 std::string const& log_path = {});
    ~ChildProcess();  // stop()
    ChildProcess(ChildProcess const&) = delete;
    ChildProcess& operator=(ChildProcess const&) = delete;

    // SIGTERM, then SIGKILL if it has not ended within `grace`; returns its exit status
    // (or 128 + signal). Idempotent.
    int stop(std::chrono::milliseconds grace = std::chrono::seconds(10));
    [[nodiscard]] bool running();
    [[nodiscard]] pid_t pid() const { return pid_; }

  private:
    pid_t pid_ = -1;
    int status_ = -1;
};

// A TCP port on 127.0.0.1 that nothing listens on right now.
[[nodiscard]] std::uint16_t free_port();
// Waits until something accepts connections on 127.0.0.1:port; false after `timeout`.
[[nodiscard]] bool wait_for_port(std::uint16_t port, std::chrono::milliseconds timeout);

}  // namespace village::testing
