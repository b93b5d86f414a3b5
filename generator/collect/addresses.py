"""The addresses at which trainees' phones can reach this PC on the office network.

Found without sending anything anywhere: the names the system gives this computer's own
interfaces (on Windows, where office PCs mostly are, the host name resolves to each of them;
on Linux the interfaces are asked one by one). Loopback and link-local addresses are left out:
no phone can use them.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import struct
import sys

LOCAL_ONLY = "127.0.0.1"
EVERYWHERE = "0.0.0.0"
"""Listening on every network of this PC, the office network included: what --lan asks for."""
SIOCGIFADDR = 35093  # 0x8915
"""Linux's request for an interface's IPv4 address."""
IFREQ = struct.Struct("256s")
NAME_SIZE = 16
"""An interface's name in struct ifreq, its final NUL included."""
ADDRESS_OFFSET = NAME_SIZE + 4
"""The answer's sockaddr_in follows the name; its address follows its family and port (2 bytes each)."""
ADDRESS_AT = slice(ADDRESS_OFFSET, ADDRESS_OFFSET + 4)


def _usable(text: str) -> bool:
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return False
    return address.version == 4 and not (address.is_loopback or address.is_link_local or address.is_unspecified)


def _by_host_name() -> list[str]:
    try:
        found = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET, socket.SOCK_STREAM)
    except OSError:
        return []
    return [str(item[4][0]) for item in found]


def _by_interface() -> list[str]:
    if not sys.platform.startswith("linux"):
        return []
    import fcntl

    found = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        for _, name in socket.if_nameindex():
            with contextlib.suppress(OSError):
                answer = fcntl.ioctl(probe.fileno(), SIOCGIFADDR, IFREQ.pack(name.encode()[: NAME_SIZE - 1]))
                found.append(socket.inet_ntoa(answer[ADDRESS_AT]))
    return found


def lan_addresses() -> list[str]:
    """This PC's IPv4 addresses on its networks, each once, private ranges first."""
    found = [text for text in dict.fromkeys(_by_interface() + _by_host_name()) if _usable(text)]
    return sorted(found, key=lambda text: not ipaddress.ip_address(text).is_private)
