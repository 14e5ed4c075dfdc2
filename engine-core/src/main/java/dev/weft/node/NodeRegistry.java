package dev.weft.node;

import dev.weft.spi.CredentialType;
import dev.weft.spi.Node;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodePack;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node types and credential types an engine knows, by type id (or alias) and version. Registering the same id and
 * version twice is an error naming both sources, so two packs can never silently shadow each other.
 */
public final class NodeRegistry {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(NodeRegistry.class);
  private final Map<String, NavigableMap<Integer, Registered>> types = new ConcurrentHashMap<>();
  private final Map<String, String> aliases = new ConcurrentHashMap<>();
  private final Map<String, RegisteredCredential> credentialTypes = new ConcurrentHashMap<>();
  /** The packs whose nodes were registered, by source: closed when the source is unregistered or the engine closes. */
  private final Map<String, List<NodePack>> packs = new LinkedHashMap<>();

  /** A registered node type and where it came from. */
  public record Registered(Node node, NodeDescriptor descriptor, String source) {}

  private record RegisteredCredential(CredentialType type, String source) {}

  /** Registers every node and credential type of a pack. */
  public synchronized void register(NodePack pack) {
    String source = "node pack '" + pack.id() + "'";
    for (Node node : pack.nodes()) {
      register(node, source);
    }
    for (CredentialType type : pack.credentialTypes()) {
      register(type, source);
    }
    track(pack, source);
  }

  /**
   * Records that nodes registered from {@code source} come from this pack, so that {@link #unregisterSource} and
   * {@link #close()} close it ({@link #register(NodePack)} does this itself).
   */
  public synchronized void track(NodePack pack, String source) {
    packs.computeIfAbsent(source, k -> new ArrayList<>()).add(pack);
  }

  /** Registers the packs that {@link ServiceLoader} finds with this class loader. */
  public void registerDiscovered(ClassLoader loader) {
    for (NodePack pack : ServiceLoader.load(NodePack.class, loader)) {
      if (!isRegistered(pack)) {
        register(pack);
      }
    }
  }

  private boolean isRegistered(NodePack pack) {
    for (Node node : pack.nodes()) {
      Registered r = find(node.descriptor().type(), node.descriptor().version());
      if (r == null || r.node().getClass() != node.getClass()) {
        return false;
      }
    }
    return !pack.nodes().isEmpty();
  }

  /** Registers one node type. */
  public synchronized void register(Node node, String source) {
    NodeDescriptor d = node.descriptor();
    if (d == null) {
      throw new IllegalArgumentException(node.getClass().getName() + " from " + source + " returns no descriptor");
    }
    Registered existing = find(d.type(), d.version());
    if (existing != null) {
      throw new IllegalStateException("node type '" + d.type() + "' version " + d.version() + " is registered twice: by "
          + existing.source() + " (" + existing.node().getClass().getName() + ") and by " + source + " ("
          + node.getClass().getName() + ")");
    }
    String owner = aliases.get(d.type());
    if (owner != null) {
      throw new IllegalStateException("node type id '" + d.type() + "' from " + source + " is already an alias of '"
          + owner + "'");
    }
    for (String alias : d.aliases()) {
      String other = aliases.get(alias);
      if (other != null && !other.equals(d.type()) || types.containsKey(alias)) {
        throw new IllegalStateException("alias '" + alias + "' of node type '" + d.type() + "' from " + source
            + " is already taken by '" + (other != null ? other : alias) + "'");
      }
    }
    types.computeIfAbsent(d.type(), k -> new TreeMap<>()).put(d.version(), new Registered(node, d, source));
    for (String alias : d.aliases()) {
      aliases.put(alias, d.type());
    }
  }

  /** Registers a credential type. */
  public synchronized void register(CredentialType type, String source) {
    RegisteredCredential existing = credentialTypes.get(type.id());
    if (existing != null) {
      if (existing.type() == type) {
        return;
      }
      throw new IllegalStateException("credential type '" + type.id() + "' is registered twice: by "
          + existing.source() + " and by " + source);
    }
    credentialTypes.put(type.id(), new RegisteredCredential(type, source));
  }

  /**
   * Removes every node and credential type registered from this source (when a plugin is stopped or unloaded), and
   * closes the packs they came from.
   */
  public void unregisterSource(String source) {
    List<NodePack> closing;
    synchronized (this) {
      types.values().forEach(versions -> versions.values().removeIf(r -> r.source().equals(source)));
      types.entrySet().removeIf(e -> e.getValue().isEmpty());
      aliases.entrySet().removeIf(e -> !types.containsKey(e.getValue()));
      credentialTypes.values().removeIf(c -> c.source().equals(source));
      closing = packs.remove(source);
    }
    closeAll(closing);
  }

  /**
   * Closes every pack registered so far, releasing what its nodes hold (when the engine closes). The node types stay
   * registered; a pack is closed once.
   */
  public void close() {
    List<NodePack> closing = new ArrayList<>();
    synchronized (this) {
      packs.values().forEach(closing::addAll);
      packs.clear();
    }
    closeAll(closing);
  }

  private static void closeAll(List<NodePack> closing) {
    if (closing == null) {
      return;
    }
    for (NodePack pack : closing) {
      try {
        pack.close();
      } catch (RuntimeException | LinkageError e) {
        LOG.warn("node pack '{}' failed to close: {}", pack.id(), e.toString(), e);
      }
    }
  }

  /**
   * The node type with this id or alias and version ({@code 0} for the newest), or {@code null}.
   */
  public Registered find(String typeOrAlias, int version) {
    String type = aliases.getOrDefault(typeOrAlias, typeOrAlias);
    NavigableMap<Integer, Registered> versions = types.get(type);
    if (versions == null || versions.isEmpty()) {
      return null;
    }
    return version <= 0 ? versions.lastEntry().getValue() : versions.get(version);
  }

  /** The registered versions of a type id or alias, lowest first. */
  public List<Integer> versions(String typeOrAlias) {
    NavigableMap<Integer, Registered> versions = types.get(aliases.getOrDefault(typeOrAlias, typeOrAlias));
    return versions == null ? List.of() : List.copyOf(versions.keySet());
  }

  /** Type ids within a small edit distance of {@code typeOrAlias}, to suggest a fix for a typo. */
  public List<String> similar(String typeOrAlias) {
    String wanted = typeOrAlias.toLowerCase(java.util.Locale.ROOT);
    String tail = wanted.substring(wanted.lastIndexOf('.') + 1);
    List<String> result = new ArrayList<>();
    for (String t : types.keySet()) {
      String lower = t.toLowerCase(java.util.Locale.ROOT);
      String typeTail = lower.substring(lower.lastIndexOf('.') + 1);
      if (distance(lower, wanted) <= 2 || typeTail.equals(tail) || distance(typeTail, tail) <= 1 && tail.length() > 3) {
        result.add(t);
      }
    }
    result.sort(Comparator.comparingInt((String t) -> distance(t.toLowerCase(java.util.Locale.ROOT), wanted))
        .thenComparing(Comparator.naturalOrder()));
    return result.size() > 3 ? result.subList(0, 3) : result;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** Every registered node type, newest version of each type last, sorted by type id. */
  public List<NodeDescriptor> descriptors() {
    List<NodeDescriptor> result = new ArrayList<>();
    new TreeMap<>(types).values().forEach(versions -> versions.values().forEach(r -> result.add(r.descriptor())));
    return result;
  }

  /** The credential type with this id, or {@code null}. */
  public CredentialType credentialType(String id) {
    RegisteredCredential c = credentialTypes.get(id);
    return c == null ? null : c.type();
  }

  /** Every registered credential type. */
  public Collection<CredentialType> credentialTypes() {
    Map<String, CredentialType> sorted = new LinkedHashMap<>();
    new TreeMap<>(credentialTypes).forEach((k, v) -> sorted.put(k, v.type()));
    return sorted.values();
  }
}
