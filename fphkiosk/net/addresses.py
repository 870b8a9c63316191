"""The address the tablets type to reach the room: the laptop's own address on the room's LAN.

Read from the network interfaces themselves (psutil): a room's Wi-Fi often has no route to the
internet, so asking the routing table where an outside packet would go finds nothing there.
"""

from __future__ import annotations

import ipaddress
import socket

ALL_INTERFACES = ("", "0.0.0.0", "::")


def lan_address() -> str:
    """The first IPv4 address of an interface that is up, not loopback and not link-local.

    Private addresses (the room's Wi-Fi) come before others; with none at all, the host name.
    """
    import psutil  # imported when the room opens, not at the presenter's start-up

    stats = psutil.net_if_stats()
    found: list[ipaddress.IPv4Address] = []
    for name, entries in psutil.net_if_addrs().items():
        if name in stats and not stats[name].isup:
            continue
        for entry in entries:
            if entry.family != socket.AF_INET:
                continue
            address = ipaddress.IPv4Address(entry.address)
            if not (address.is_loopback or address.is_link_local):
                found.append(address)
    if not found:
        return socket.gethostname() or "localhost"
    found.sort(key=lambda address: not address.is_private)
    return str(found[0])


def public_host(host: str) -> str:
    """The address participants use: *host* itself unless it means every interface."""
    return lan_address() if host in ALL_INTERFACES else host


LOCAL_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


def room_hosts(host: str) -> frozenset[str]:
    """The names a request may give as its ``Host``: the room's own addresses and localhost.

    Listening on every interface, those are every address of the laptop and its host name;
    otherwise the address listened on. Any other name reaching the laptop is a DNS rebinding.
    """
    names = set(LOCAL_NAMES)
    if host not in ALL_INTERFACES:
        names.add(host.lower().strip("[]"))
        return frozenset(names)
    import psutil

    for entries in psutil.net_if_addrs().values():
        for entry in entries:
            if entry.family in (socket.AF_INET, socket.AF_INET6):
                names.add(entry.address.split("%")[0].lower())
    hostname = socket.gethostname().lower()
    if hostname:
        names.update({hostname, hostname + ".local"})
    return frozenset(names)
