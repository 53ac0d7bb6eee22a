#pragma once
// Checks made before the rendezvous store is created, so a mistake reads as what it is ("cannot be resolved",
// "port in use") instead of a socket error from deep inside c10d.
#include <string>

namespace gs {

// Throws GanscopeError when `addr` (a host name or an IPv4/IPv6 address) does not resolve.
void checkMasterAddress(const std::string& addr);
// Rank 0 hosts the store: throws GanscopeError when something on this machine already listens on `port`.
void checkPortFree(int port);
// A TCP port free on this machine now (the kernel's choice), for a single-machine launch.
int freeTcpPort();
// True for localhost, 127.x.x.x and ::1.
bool isLoopbackAddress(const std::string& addr);

}  // namespace gs
