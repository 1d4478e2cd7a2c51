package dev.rustapp.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a real node leaves on the host, captured before and after: its processes, mounts, network
 * links and routes, iptables rules and chains, nft tables, top-level cgroups, sysctl values and host
 * folders. Two footprints compare by {@link #changesSince(NodeFootprint)}.
 */
public record NodeFootprint(Map<String, Set<String>> aspects, Map<String, String> sysctls) {
  private static final Pattern COUNTERS = Pattern.compile("\\[\\d+:\\d+]");
  /** Counters and values that change on their own, whatever runs. */
  private static final Pattern VOLATILE_SYSCTLS = Pattern.compile("fs\\.(dentry-state|file-nr|inode-nr|inode-state|quota\\..*)"
      + "|kernel\\.(ns_last_pid|random\\..*)|net\\.netfilter\\.nf_conntrack_count");
  private static final List<String> HOST_PATHS = List.of("/var/lib/kubelet", "/var/log/containers", "/var/log/pods",
      "/var/lib/cni", "/etc/cni", "/opt/cni", "/run/containerd", "/var/lib/containerd", "/run/netns",
      "/etc/kubernetes", "/run/runc", "/run/rustapp-operator");

  /** hack/lib/node-env.sh: held by every real node on the machine from start to stop. */
  private static final Path NODE_LOCK = Path.of("/run/lock/rustapp-operator-node.lock");

  /**
   * The host with no real node on it, the "before" of a node's test: waits (up to 30 min, as
   * hack/cluster.sh does) while another run's node holds the machine, since a footprint taken
   * with that node up would count its bridge and rules as the host's own.
   */
  public static NodeFootprint captureWithoutNode(Path clusterDir) {
    if (Files.exists(NODE_LOCK)) {
      CommandResult waited = Commands.run(List.of("flock", "-w", "1800", NODE_LOCK.toString(), "true"), Map.of(), null,
          Duration.ofMinutes(31));
      if (!waited.succeeded()) {
        throw new IllegalStateException("another real node held " + NODE_LOCK + " for 30 minutes: " + waited.stderr());
      }
    }
    return capture(clusterDir);
  }

  /**
   * The host as it is now. Processes count when they belong to the cluster in {@code clusterDir} or
   * to the node: clusters of other test modules may start and stop meanwhile on a shared machine.
   */
  public static NodeFootprint capture(Path clusterDir) {
    Map<String, Set<String>> aspects = new TreeMap<>();
    aspects.put("process", processes(clusterDir.toAbsolutePath().toString()));
    aspects.put("mount", lines(read(Path.of("/proc/self/mountinfo")), line -> {
      String[] fields = line.split(" ");
      return fields[4];
    }));
    aspects.put("link", list(Path.of("/sys/class/net")));
    aspects.put("route", lines(run("ip", "-4", "route", "show", "table", "all"), line -> line));
    aspects.put("iptables", lines(run("iptables-save") + run("ip6tables-save"),
        line -> line.startsWith("#") ? null : COUNTERS.matcher(line).replaceAll("").strip()));
    aspects.put("nft table", lines(run("nft", "list", "tables"), line -> line));
    aspects.put("cgroup", cgroups());
    Set<String> paths = new TreeSet<>();
    HOST_PATHS.stream().filter(p -> Files.exists(Path.of(p))).forEach(paths::add);
    aspects.put("host path", paths);
    Map<String, String> sysctls = new TreeMap<>();
    for (String line : run("sysctl", "-a").split("\n")) {
      int eq = line.indexOf(" = ");
      if (eq > 0 && !VOLATILE_SYSCTLS.matcher(line.substring(0, eq)).matches()) {
        sysctls.put(line.substring(0, eq), line.substring(eq + 3));
      }
    }
    return new NodeFootprint(aspects, sysctls);
  }

  /**
   * What is in this footprint and not in {@code before}, what went missing, and sysctls whose value
   * changed (new keys from kernel modules loaded on the way are not changes). Empty when equal.
   */
  public List<String> changesSince(NodeFootprint before) {
    List<String> changes = new ArrayList<>();
    aspects.forEach((aspect, now) -> {
      Set<String> then = before.aspects.getOrDefault(aspect, Set.of());
      now.stream().filter(item -> !then.contains(item)).forEach(item -> changes.add(aspect + " left behind: " + item));
      then.stream().filter(item -> !now.contains(item)).forEach(item -> changes.add(aspect + " gone: " + item));
    });
    before.sysctls.forEach((key, value) -> {
      String now = sysctls.get(key);
      if (now != null && !now.equals(value)) {
        changes.add("sysctl changed: " + key + " = " + now + " (was " + value + ")");
      }
    });
    return changes;
  }

  /** Processes of the cluster's folder, of the node's run folder, or in the pods' cgroups. */
  private static Set<String> processes(String clusterDir) {
    Set<String> found = new TreeSet<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(proc -> {
        String cmdline = read(proc.resolve("cmdline")).replace('\0', ' ').strip();
        String cgroup = read(proc.resolve("cgroup"));
        if (cmdline.contains(clusterDir) || cmdline.contains("/run/rustapp-operator") || cgroup.contains("kubepods")) {
          found.add(cmdline.isEmpty() ? "[pid " + proc.getFileName() + " in kubepods]" : cmdline);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  private static Set<String> cgroups() {
    Set<String> found = new TreeSet<>();
    for (String hierarchy : list(Path.of("/sys/fs/cgroup"))) {
      Path dir = Path.of("/sys/fs/cgroup", hierarchy);
      if (Files.isDirectory(dir) && !Files.isSymbolicLink(dir)) {
        list(dir).stream().filter(child -> Files.isDirectory(dir.resolve(child)))
            .forEach(child -> found.add(hierarchy + "/" + child));
      }
    }
    return found;
  }

  private static Set<String> list(Path dir) {
    Set<String> names = new TreeSet<>();
    try (Stream<Path> entries = Files.list(dir)) {
      entries.forEach(entry -> names.add(entry.getFileName().toString()));
    } catch (IOException e) {
      return names;
    }
    return names;
  }

  private static Set<String> lines(String text, java.util.function.Function<String, String> key) {
    Set<String> keys = new TreeSet<>();
    for (String line : text.split("\n")) {
      String k = line.isBlank() ? null : key.apply(line);
      if (k != null && !k.isEmpty()) {
        keys.add(k);
      }
    }
    return keys;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }

  private static String run(String... command) {
    CommandResult result = Commands.run(List.of(command), Map.of(), null, Duration.ofSeconds(30));
    return result.succeeded() ? result.stdout() : "";
  }
}
