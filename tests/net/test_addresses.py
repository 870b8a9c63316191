"""The address shown to the tablets is the laptop's own address on a LAN interface."""

from __future__ import annotations

import ipaddress
import socket

import psutil

from fphkiosk.net.addresses import public_host


def test_a_named_host_is_kept() -> None:
    assert public_host("192.168.1.20") == "192.168.1.20"
    assert public_host("127.0.0.1") == "127.0.0.1"


def test_all_interfaces_means_an_interface_address_that_is_up() -> None:
    shown = public_host("0.0.0.0")
    assert public_host("") == shown == public_host("::")
    up = {name for name, stats in psutil.net_if_stats().items() if stats.isup}
    candidates = {
        entry.address
        for name, entries in psutil.net_if_addrs().items()
        if name in up
        for entry in entries
        if entry.family == socket.AF_INET and not ipaddress.IPv4Address(entry.address).is_loopback
    }
    if candidates:
        assert shown in candidates
    else:
        assert shown == socket.gethostname()
