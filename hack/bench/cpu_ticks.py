"""Reads the NAME=TICKS,... fields the drivers' cpu_ticks and machine_ticks write (controller-run.sh)."""
import os

HZ = os.sysconf("SC_CLK_TCK")


def ticks(field):
    return {name: int(value) for name, value in (pair.split("=") for pair in field.split(",") if pair)}
