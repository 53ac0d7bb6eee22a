#include "distributed/rendezvous_checks.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "util/error.h"

namespace gs {
namespace {

// Closes the socket when it goes out of scope.
struct Socket {
  int fd;
  explicit Socket(int domain) : fd(::socket(domain, SOCK_STREAM, 0)) {}
  ~Socket() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

void checkMasterAddress(const std::string& addr) {
  if (addr.empty()) throw GanscopeError("MASTER_ADDR is empty: set it (or --master-addr) to rank 0's host");
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const int rc = ::getaddrinfo(addr.c_str(), nullptr, &hints, &found);
  if (found) ::freeaddrinfo(found);
  if (rc != 0)
    throw GanscopeError("MASTER_ADDR '" + addr + "' cannot be resolved (" + ::gai_strerror(rc) +
                        "); set MASTER_ADDR or --master-addr to rank 0's host name or IP address");
}

void checkPortFree(int port) {
  Socket s(AF_INET);
  if (s.fd < 0) throw GanscopeError(std::string("cannot open a socket to check the port: ") + std::strerror(errno));
  // The store sets SO_REUSEADDR too: a port in TIME_WAIT is usable, one that something listens on is not.
  const int on = 1;
  ::setsockopt(s.fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_ANY);
  a.sin_port = htons(static_cast<uint16_t>(port));
  if (::bind(s.fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) return;
  const int err = errno;
  if (err == EADDRINUSE)
    throw GanscopeError("MASTER_PORT " + std::to_string(port) + " is already in use on this machine (another run, "
                        "torchrun or service listens on it); choose a free port with --master-port or MASTER_PORT");
  if (err == EACCES)
    throw GanscopeError("MASTER_PORT " + std::to_string(port) +
                        " needs privileges to listen on; use a port above 1023");
  throw GanscopeError("cannot listen on MASTER_PORT " + std::to_string(port) + ": " + std::strerror(err));
}

int freeTcpPort() {
  Socket s(AF_INET);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  socklen_t len = sizeof a;
  if (s.fd < 0 || ::bind(s.fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      ::getsockname(s.fd, reinterpret_cast<sockaddr*>(&a), &len) != 0)
    throw GanscopeError(std::string("cannot find a free TCP port for the rendezvous: ") + std::strerror(errno));
  return ntohs(a.sin_port);
}

bool isLoopbackAddress(const std::string& addr) {
  return addr == "localhost" || addr == "::1" || addr.rfind("127.", 0) == 0;
}

}  // namespace gs
