#!/usr/bin/env python3
"""Prints where our webhook's CPU per admission call goes, from hack/bench/admission.sh --perf: the CPU
samples perf took of the process (every thread, 999 a second) during each run's phase with our
webhooks, and during its standalone runs paced to the apiserver's rate and flat out. By thread, by
code (kernel, Java, the JVM's own native code, BoringSSL, libc), and the kernel functions and Java
methods that cost most through the apiserver, in µs per call side by side."""
import collections
import glob
import os
import re
import sys

work, n, frequency = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
# perf script -F comm,ip,sym,dso: "THREAD NAME  IP SYMBOL (DSO)"; a thread name may hold spaces, and a
# library unpacked to /tmp and deleted after loading (netty-tcnative's) is "(DSO (deleted))".
LINE = re.compile(r"^\s*(.*?)\s+[0-9a-f]+\s+(.*) \((.*)\)$")
# A Java method in the perf map: "RETURN TYPE pkg.Class.method(ARGS)".
METHOD = re.compile(r"^\S+ ([\w$.<>/]+)\(")
MODES = [("through", "through the apiserver"), ("paced", "standalone, paced to its rate"),
         ("busy", "the same, while the apiserver creates apps without webhooks"), ("standalone", "standalone, flat out")]


def thread(comm):
    if comm.startswith("vert.x-eventloo"):
        return "event loops"
    if comm.startswith(("GC Thread", "VM Thread", "VM Periodic", "Service Thread", "C1 Compiler")):
        return "the JVM's own threads (collector, safepoints, compiler)"
    return "other threads"


def code(symbol, dso):
    if dso == "[kernel.kallsyms]":
        return "kernel"
    if "tcnative" in dso:
        return "BoringSSL (netty-tcnative)"
    if "libjvm" in dso:
        return "the JVM's native code (collector, runtime, interpreter stubs)"
    if "libc" in dso or "libpthread" in dso:
        return "libc"
    if java(symbol, dso):
        return "Java (compiled and interpreted)"
    return "other libraries"


def java(symbol, dso):
    return dso.startswith("/tmp/perf-") or dso == "[unknown]" or symbol == "[unknown]"


def short(symbol):
    """"void io.netty.Foo$Bar.read(java.nio.ByteBuffer)" as "Foo$Bar.read": the perf map's names are whole signatures."""
    m = METHOD.match(symbol)
    return ".".join(m.group(1).split(".")[-2:]) if m else symbol


def library(symbol):
    """The first three parts of a Java method's package (io.netty.buffer), or the JVM's stubs and code without a name."""
    m = METHOD.match(symbol)
    return ".".join(m.group(1).split(".")[:3]) if m else "the JVM's stubs (vtable, runtime calls), unnamed code"


def load(paths):
    threads, codes, kernel, methods, libraries = (collections.Counter() for _ in range(5))
    for path in paths:
        for text in open(path, errors="replace"):
            m = LINE.match(text.rstrip("\n").replace(" (deleted))", ")"))
            if not m:
                continue
            comm, symbol, dso = m.groups()
            threads[thread(comm)] += 1
            codes[code(symbol, dso)] += 1
            if dso == "[kernel.kallsyms]":
                kernel[symbol.split("+")[0]] += 1
            elif java(symbol, dso):
                methods[short(symbol)] += 1
                libraries[library(symbol)] += 1
    return threads, codes, kernel, methods, libraries


calls = {"through": 2 * n * len(glob.glob(f"{work}/perf-ours-*.txt"))}
for text in open(f"{work}/standalone.txt"):
    mode, variant, requests = text.split()[:3]
    if variant == "webhook":
        calls[mode] = int(requests)
profiles = {"through": load(sorted(glob.glob(f"{work}/perf-ours-*.txt")))}
for mode in ("paced", "busy", "standalone"):
    if os.path.exists(f"{work}/perf-{mode}.txt"):
        profiles[mode] = load([f"{work}/perf-{mode}.txt"])
modes = [(m, label) for m, label in MODES if m in profiles and calls.get(m)]


def micros(mode, part, key):
    return profiles[mode][part][key] / frequency / calls[mode] * 1e6


def row(name, part, key):
    cells = [micros(m, part, key) for m, _ in modes]
    ratio = f"{cells[0] / cells[1]:.2f}" if len(cells) > 1 and cells[1] else "–"
    print(f"| {name} | " + " | ".join(f"{c:.0f}" for c in cells) + f" | {ratio} |")


print("\n### Where our webhook's CPU per call goes (perf samples of the process, µs per call)\n")
print("| part | " + " | ".join(label for _, label in modes) + " | through / paced |")
print("|---" * (len(modes) + 2) + "|")
total = {m: sum(profiles[m][0].values()) / frequency / calls[m] * 1e6 for m, _ in modes}
print("| all of it | " + " | ".join(f"{total[m]:.0f}" for m, _ in modes)
      + (f" | {total['through'] / total['paced']:.2f} |" if "paced" in total else " | – |"))
for part, keys in ((0, sorted(profiles["through"][0], key=lambda k: -profiles["through"][0][k])),
                   (1, sorted(profiles["through"][1], key=lambda k: -profiles["through"][1][k]))):
    for key in keys:
        row(("by thread: " if part == 0 else "by code: ") + key, part, key)
for key, _ in profiles["through"][2].most_common(12):
    row(f"kernel: `{key}`", 2, key)
for key, _ in profiles["through"][4].most_common(12):
    row(f"Java by package: `{key}`", 4, key)
for key, _ in profiles["through"][3].most_common(25):
    row(f"Java: `{key}`", 3, key)
