"""Prints a TCP port that nothing listens on and that no other hack/ script was handed recently.

Binding to port 0 returns a port from the kernel's ephemeral range, the same range outgoing
connections take their local port from. A port picked that way early in a cluster start (kwok's)
was taken minutes later by one of the apiserver's own client connections, and kwok could not
bind it. So ports come from below the ephemeral range, where only listeners live; and a short
ledger keeps two ports picked for processes that have not started yet from coinciding.
"""
import fcntl
import os
import random
import socket
import sys
import time

LEDGER_SECONDS = 600


def ephemeral_low():
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
            return int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def listening(port):
    s = socket.socket()
    try:
        s.bind(("", port))
        return False
    except OSError:
        return True
    finally:
        s.close()


def main(ledger_path):
    low, high = 20000, ephemeral_low() - 1
    if high - low < 1000:
        low, high = 10000, 19999
    os.makedirs(os.path.dirname(ledger_path), exist_ok=True)
    with open(ledger_path, "a+") as ledger:
        fcntl.flock(ledger, fcntl.LOCK_EX)
        ledger.seek(0)
        now = time.time()
        recent = {}
        for line in ledger:
            parts = line.split()
            if len(parts) == 2 and parts[0].isdigit() and now - float(parts[1]) < LEDGER_SECONDS:
                recent[int(parts[0])] = parts[1]
        for _ in range(1000):
            port = random.randint(low, high)
            if port not in recent and not listening(port):
                break
        else:
            sys.exit("free_port: no free port between %d and %d" % (low, high))
        ledger.seek(0)
        ledger.truncate()
        for p, t in recent.items():
            ledger.write("%d %s\n" % (p, t))
        ledger.write("%d %f\n" % (port, now))
    print(port)


if __name__ == "__main__":
    main(sys.argv[1])
