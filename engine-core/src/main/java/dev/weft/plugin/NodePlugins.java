package dev.weft.plugin;

import dev.weft.node.NodeRegistry;
import dev.weft.spi.CredentialType;
import dev.weft.spi.Node;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodePack;
import dev.weft.spi.WeftSpi;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.pf4j.util.FileUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Node packs loaded as PF4J plugins from a folder, and started, stopped, unloaded and reloaded while the engine runs.
 *
 * <h2>What a plugin is</h2>
 * A zip (or a folder, or a single jar) holding a descriptor and the pack's jars:
 * <pre>
 * acme-text-1.0.0.zip
 *   plugin.properties        plugin.id=acme-text, plugin.version=1.0.0, plugin.requires=&gt;=1.0.0 &amp; &lt;2.0.0
 *   lib/acme-text-1.0.0.jar  the nodes, and META-INF/services/dev.weft.spi.NodePack naming the pack class
 *   lib/commons-text-1.12.0.jar   the pack's own dependencies
 * </pre>
 * A zip is unpacked once into {@code .unpacked/<name>-<size>-<modified>/} in the plugins folder (a temporary folder
 * when that one is read-only), and again only when the zip changes.
 * The descriptor may instead be in a jar manifest ({@code Plugin-Id}, {@code Plugin-Version}, {@code Plugin-Requires}).
 * {@code requires} is a range of {@link WeftSpi#VERSION SPI versions} ({@code *} accepts any). A plugin needs no
 * {@code Plugin-Class}.
 *
 * <h2>How packs are found</h2>
 * Through {@link ServiceLoader} with the plugin's class loader, keeping only the providers the plugin itself defines:
 * the same jar then works on a classpath and as a plugin, and authors need neither PF4J nor its annotation processor
 * (which {@code @Extension} would require).
 *
 * <h2>Isolation</h2>
 * The SPI, slf4j, Jackson, OkHttp/Okio and the Kotlin standard library come from the host; every other class comes
 * from the plugin first, so two plugins may bundle different versions of one library. Node types are registered in
 * the {@link NodeRegistry} with the source {@code plugin '<id>'}.
 *
 * <h2>Failures</h2>
 * A corrupt zip, a missing or invalid descriptor, an SPI range this engine does not satisfy, a missing class, an
 * invalid node descriptor or a node type another plugin (or pack) already registered fails that plugin only: it is
 * listed as {@link PluginStatus#FAILED} with a message naming it (and, for a duplicate, both owners), nothing of it
 * stays registered, and the other plugins load.
 *
 * <h2>Changes at run time</h2>
 * Every change calls {@code onChange} (the engine passes its plan invalidation), so new executions plan again with
 * the node types registered now. An execution already running keeps the node instances of its plan until it ends:
 * unloading does not close a plugin's jars, so those nodes can still load their classes; the jars are released when
 * nothing uses them any more, or by {@link #close()}.
 *
 * <p>Active triggers are not touched: an activation holds the trigger node instance it was started with and keeps
 * firing on the old code after a stop, unload or reload; the executions it starts plan with the registry as it is
 * then (and fail with an unknown node type if the type is gone). Deactivating and reactivating the workflows that use
 * a plugin is the host's call, because only the host knows whether a webhook may go unanswered or a schedule may skip
 * a beat while it switches, and which workflows must move to the new version at all.
 *
 * <p>Thread-safe; operations on plugins are serialized.
 */
public final class NodePlugins implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NodePlugins.class);

  private final NodeRegistry registry;
  private final Path directory;
  private final Runnable onChange;
  private final WeftPluginManager manager;
  private final List<Entry> entries = new ArrayList<>();
  private Path workFolder;
  private final java.util.Set<Path> unpackedHere = new java.util.HashSet<>();
  private boolean temporaryWorkFolder;
  private boolean closed;

  private static final String UNPACKED = ".unpacked";
  private static final String COMPLETE = ".complete";

  /** What is known about one plugin; guarded by the NodePlugins monitor. */
  private static final class Entry {
    String id;
    String version;
    String requires = "*";
    final Path path;
    Path unpacked;
    PluginStatus status = PluginStatus.FAILED;
    List<String> nodeTypes = List.of();
    String error;

    Entry(String id, Path path) {
      this.id = id;
      this.path = path;
    }

    PluginInfo info() {
      return new PluginInfo(id, version, requires, path, status, nodeTypes, error);
    }
  }

  /**
   * Plugins of this folder, registering into this registry.
   *
   * @param registry where node and credential types are registered
   * @param directory the plugins folder; {@link #loadAll()} reads it (it need not exist yet)
   * @param onChange called after node types were added or removed, outside of any registry lock
   */
  public NodePlugins(NodeRegistry registry, Path directory, Runnable onChange) {
    this.registry = java.util.Objects.requireNonNull(registry, "registry");
    this.directory = directory.toAbsolutePath().normalize();
    this.onChange = java.util.Objects.requireNonNull(onChange, "onChange");
    this.manager = new WeftPluginManager(this.directory, NodePlugins.class.getClassLoader(), WeftSpi.VERSION);
  }

  /** The plugins folder. */
  public Path directory() {
    return directory;
  }

  /**
   * Loads and starts every plugin of the folder not loaded yet: each {@code *.zip}, {@code *.jar} and folder, in name
   * order, skipping hidden entries (such as {@code .unpacked}) and a folder beside a zip of the same name. Plugins
   * that failed before are tried
   * again. A plugin that fails is listed as failed; it does not stop the others.
   *
   * @return every plugin, as {@link #list()}
   * @throws PluginException when the folder exists but cannot be read
   */
  public synchronized List<PluginInfo> loadAll() {
    checkOpen();
    if (!Files.exists(directory)) {
      return list();
    }
    if (!Files.isDirectory(directory)) {
      throw new PluginException(null, "the plugins folder " + directory + " is a file, not a folder", null);
    }
    List<Path> candidates;
    try (Stream<Path> files = Files.list(directory)) {
      candidates = files.filter(NodePlugins::isCandidate).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new PluginException(null, "the plugins folder " + directory + " cannot be read: " + e.getMessage(), e);
    }
    boolean changed = false;
    for (Path path : candidates) {
      if (loadedFrom(path) != null) {
        continue;
      }
      entries.removeIf(e -> e.status == PluginStatus.FAILED && e.path.equals(path));
      try {
        loadAndStart(path);
        changed = true;
      } catch (PluginException e) {
        // recorded and logged by fail(); the other plugins still load
      }
    }
    deleteStaleUnpackedFolders(false);
    if (changed) {
      onChange.run();
    }
    return list();
  }

  /**
   * Loads and starts one plugin from a zip, jar or folder (which need not be in the plugins folder).
   *
   * @return the started plugin
   * @throws PluginException naming the plugin and the reason when it cannot be loaded or started; it is then also
   *     listed as {@link PluginStatus#FAILED}
   */
  public synchronized PluginInfo load(Path zipOrDir) {
    checkOpen();
    Path path = zipOrDir.toAbsolutePath().normalize();
    Entry loaded = loadedFrom(path);
    if (loaded != null) {
      throw new PluginException(loaded.id, "plugin '" + loaded.id + "' is already loaded from " + path
          + "; use reload('" + loaded.id + "') to load it again", null);
    }
    entries.removeIf(e -> e.status == PluginStatus.FAILED && e.path.equals(path));
    PluginInfo info = loadAndStart(path).info();
    onChange.run();
    return info;
  }

  /**
   * Registers the node types of a stopped plugin again; a failed plugin is loaded again from disk.
   *
   * @throws PluginException when no such plugin is known, or it fails to start
   */
  public synchronized PluginInfo start(String pluginId) {
    checkOpen();
    Entry entry = require(pluginId);
    switch (entry.status) {
      case STARTED:
        return entry.info();
      case FAILED:
        entries.remove(entry);
        PluginInfo info = loadAndStart(entry.path).info();
        onChange.run();
        return info;
      default:
        startAndRegister(entry);
        onChange.run();
        return entry.info();
    }
  }

  /**
   * Unregisters a plugin's node types; the plugin stays loaded and {@link #start(String)} registers them again.
   * Executions already running keep using its nodes.
   *
   * @throws PluginException when no such plugin is known, or it failed (there is nothing to stop)
   */
  public synchronized PluginInfo stop(String pluginId) {
    checkOpen();
    Entry entry = require(pluginId);
    if (entry.status == PluginStatus.FAILED) {
      throw new PluginException(pluginId, "plugin '" + pluginId + "' is not running, it failed: " + entry.error, null);
    }
    if (entry.status == PluginStatus.STARTED) {
      registry.unregisterSource(source(pluginId));
      manager.stopPlugin(pluginId);
      entry.status = PluginStatus.STOPPED;
      entry.nodeTypes = List.of();
      onChange.run();
      log.info("Stopped plugin '{}'", pluginId);
    }
    return entry.info();
  }

  /**
   * Unregisters a plugin's node types and forgets the plugin (a failed one is just forgotten). Executions already
   * running keep using its nodes; its jars are released once nothing uses them.
   *
   * @throws PluginException when no such plugin is known
   */
  public synchronized void unload(String pluginId) {
    checkOpen();
    Entry entry = require(pluginId);
    unloadEntry(entry);
    onChange.run();
  }

  /**
   * Unloads a plugin and loads it again from the same zip, jar or folder: how a new version is picked up after its
   * zip was replaced. New executions use the new version; running ones finish with the old.
   *
   * @return the plugin as loaded now
   * @throws PluginException when no such plugin is known, or the new version fails to load (it is then listed as
   *     failed and the old version is gone)
   */
  public synchronized PluginInfo reload(String pluginId) {
    checkOpen();
    Entry entry = require(pluginId);
    unloadEntry(entry);
    try {
      return loadAndStart(entry.path).info();
    } finally {
      onChange.run();
    }
  }

  /** Every plugin loaded or tried, by id. */
  public synchronized List<PluginInfo> list() {
    return entries.stream()
        .sorted(Comparator.comparing((Entry e) -> e.id).thenComparing(e -> e.path))
        .map(Entry::info)
        .collect(Collectors.toUnmodifiableList());
  }

  /**
   * Unregisters every plugin's node types, unloads the plugins and closes their jars, also those of plugins unloaded
   * before. Call it after the engine stopped running executions.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    boolean changed = false;
    for (Entry entry : entries) {
      if (entry.status != PluginStatus.FAILED) {
        registry.unregisterSource(source(entry.id));
        changed |= entry.status == PluginStatus.STARTED;
      }
    }
    entries.clear();
    // one by one: PF4J 3.15's stopPlugins() modifies the list it iterates
    for (PluginWrapper wrapper : new ArrayList<>(manager.getPlugins())) {
      manager.unloadPlugin(wrapper.getPluginId());
    }
    manager.releaseAll();
    deleteStaleUnpackedFolders(true);
    if (changed) {
      onChange.run();
    }
  }

  // ---- loading ----

  private Entry loadAndStart(Path path) {
    Entry entry = new Entry(fallbackId(path), path);
    if (!Files.exists(path)) {
      throw fail(entry, "does not exist", null);
    }
    Path unpacked = path;
    if (FileUtils.isZipFile(path)) {
      try (ZipFile zip = new ZipFile(path.toFile())) {
        unpacked = unpack(path, zip);
      } catch (ZipException e) {
        throw fail(entry, "is not a readable zip: " + describe(e), e);
      } catch (IOException | RuntimeException e) {
        throw fail(entry, "cannot be unpacked: " + describe(e), e);
      }
    }
    entry.unpacked = unpacked;
    PluginDescriptor descriptor;
    try {
      descriptor = manager.readDescriptor(unpacked);
    } catch (RuntimeException e) {
      throw fail(entry, "has no valid plugin descriptor (plugin.properties with plugin.id and plugin.version, or a "
          + "manifest with Plugin-Id and Plugin-Version): " + describe(e), e);
    }
    entry.id = descriptor.getPluginId();
    entry.version = descriptor.getVersion();
    String requires = descriptor.getRequires() == null || descriptor.getRequires().isBlank()
        ? "*" : descriptor.getRequires().trim();
    entry.requires = requires;
    Entry other = loadedById(entry.id);
    if (other != null) {
      throw fail(entry, "has the same id as the plugin loaded from " + other.path
          + "; unload that one first, or give one of them another plugin id", null);
    }
    checkRequires(entry, requires);
    try {
      manager.loadPlugin(unpacked);
    } catch (RuntimeException e) {
      throw fail(entry, "cannot be loaded: " + describe(e), e);
    }
    startAndRegister(entry);
    entries.add(entry);
    log.info("Loaded plugin '{}' {} from {}: {}", entry.id, entry.version, path, entry.nodeTypes);
    return entry;
  }

  /**
   * Unpacks a zip into its own folder under the work folder, named after the zip's size and modification time: a
   * changed zip gets a new folder (the old one stays readable for executions still running on the old version), an
   * unchanged zip is not unpacked again. A folder is complete once its marker file exists.
   */
  private Path unpack(Path path, ZipFile zip) throws IOException {
    String name = path.getFileName().toString();
    String stamp = Files.size(path) + "-" + Files.getLastModifiedTime(path).toMillis();
    Path target = workFolder().resolve(name.substring(0, name.length() - 4) + "-" + stamp);
    Path complete = target.resolve(COMPLETE);
    unpackedHere.add(target);
    if (Files.exists(complete)) {
      return target;
    }
    if (Files.exists(target)) {
      FileUtils.delete(target); // left half-unpacked by an earlier start
    }
    Files.createDirectories(target);
    for (ZipEntry e : java.util.Collections.list(zip.entries())) {
      Path out = target.resolve(e.getName()).normalize();
      if (!out.startsWith(target) || out.equals(target)) {
        throw new IOException("its entry '" + e.getName() + "' would be written outside the plugin's folder");
      }
      if (e.isDirectory()) {
        Files.createDirectories(out);
        continue;
      }
      Files.createDirectories(out.getParent());
      try (InputStream in = zip.getInputStream(e)) {
        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.createFile(complete);
    return target;
  }

  /** Where zips are unpacked: {@code .unpacked} in the plugins folder, or a temporary folder if that is read-only. */
  private Path workFolder() throws IOException {
    if (workFolder == null) {
      Path preferred = directory.resolve(UNPACKED);
      try {
        workFolder = Files.createDirectories(preferred);
      } catch (IOException e) {
        workFolder = Files.createTempDirectory("weft-plugins-");
        temporaryWorkFolder = true;
        log.info("The plugins folder {} is not writable ({}); unpacking plugins into {}", directory, e, workFolder);
      }
    }
    return workFolder;
  }

  /**
   * Deletes unpacked folders left by earlier engine runs that no zip of the plugins folder unpacks to now (earlier
   * versions, removed zips). Folders unpacked by this instance stay until {@link #close()}, as executions may still
   * run on an unloaded version; at close, only the folders of the zips present stay, so the next start need not
   * unpack them again (all go when the work folder is a temporary one).
   */
  private void deleteStaleUnpackedFolders(boolean closing) {
    if (workFolder == null || !Files.isDirectory(workFolder)) {
      return;
    }
    try (Stream<Path> folders = Files.list(workFolder)) {
      for (Path folder : folders.collect(Collectors.toList())) {
        boolean keep = closing ? !temporaryWorkFolder && isCurrentUnpackOfAZip(folder)
            : unpackedHere.contains(folder) || isCurrentUnpackOfAZip(folder);
        if (!keep) {
          try {
            FileUtils.delete(folder);
          } catch (IOException e) {
            log.debug("Cannot delete the stale unpacked plugin folder {}: {}", folder, e.toString());
          }
        }
      }
    } catch (IOException e) {
      log.debug("Cannot clean the unpacked plugins folder {}: {}", workFolder, e.toString());
    }
    if (closing && temporaryWorkFolder) {
      try {
        Files.deleteIfExists(workFolder);
      } catch (IOException e) {
        log.debug("Cannot delete the temporary plugins folder {}: {}", workFolder, e.toString());
      }
    }
  }

  private boolean isCurrentUnpackOfAZip(Path folder) {
    String name = folder.getFileName().toString();
    try (Stream<Path> zips = Files.list(directory)) {
      for (Path zip : zips.filter(FileUtils::isZipFile).collect(Collectors.toList())) {
        String zipName = zip.getFileName().toString();
        String expected = zipName.substring(0, zipName.length() - 4) + "-" + Files.size(zip) + "-"
            + Files.getLastModifiedTime(zip).toMillis();
        if (name.equals(expected)) {
          return true;
        }
      }
    } catch (IOException e) {
      return true; // when in doubt, keep it
    }
    return false;
  }

  private void checkRequires(Entry entry, String requires) {
    if (requires.equals("*")) {
      return;
    }
    String range = requires.matches("^\\d+\\.\\d+\\.\\d+$") ? ">=" + requires : requires;
    boolean satisfied;
    try {
      satisfied = manager.getVersionManager().checkVersionConstraint(WeftSpi.VERSION, range);
    } catch (RuntimeException e) {
      throw fail(entry, "declares requires '" + requires + "', which is not a version range (write for example '>="
          + WeftSpi.VERSION + " & <2.0.0'): " + describe(e), e);
    }
    if (!satisfied) {
      throw fail(entry, "requires Weft SPI " + requires + ", but this engine provides SPI " + WeftSpi.VERSION, null);
    }
  }

  private record Found(Node node, NodeDescriptor descriptor) {}

  private void startAndRegister(Entry entry) {
    String id = entry.id;
    PluginState state;
    try {
      state = manager.startPlugin(id);
    } catch (RuntimeException e) {
      throw fail(entry, "cannot be started: " + describe(e), e);
    }
    if (state != PluginState.STARTED) {
      PluginWrapper wrapper = manager.getPlugin(id);
      Throwable cause = wrapper == null ? null : wrapper.getFailedException();
      throw fail(entry, "cannot be started (" + state + ")" + (cause == null ? "" : ": " + describe(cause)), cause);
    }
    ClassLoader loader = manager.getPluginClassLoader(id);
    List<NodePack> packs = packs(entry, loader);
    List<Found> nodes = new ArrayList<>();
    List<CredentialType> credentialTypes = new ArrayList<>();
    Map<String, String> declared = new LinkedHashMap<>();
    for (NodePack pack : packs) {
      List<Node> packNodes;
      try {
        packNodes = List.copyOf(pack.nodes());
        credentialTypes.addAll(pack.credentialTypes());
      } catch (RuntimeException | LinkageError e) {
        throw fail(entry, "node pack " + pack.getClass().getName() + " cannot list its nodes: " + describe(e), e);
      }
      for (Node node : packNodes) {
        NodeDescriptor d;
        try {
          d = node.descriptor();
        } catch (RuntimeException | LinkageError e) {
          throw fail(entry, "node " + node.getClass().getName() + " has an invalid descriptor: " + describe(e), e);
        }
        if (d == null) {
          throw fail(entry, "node " + node.getClass().getName() + " returns no descriptor", null);
        }
        String key = d.type() + "@" + d.version();
        String previous = declared.put(key, node.getClass().getName());
        if (previous != null) {
          throw fail(entry, "declares node type '" + d.type() + "' version " + d.version() + " twice: in " + previous
              + " and in " + node.getClass().getName(), null);
        }
        nodes.add(new Found(node, d));
      }
    }
    String source = source(id);
    packs.forEach(pack -> registry.track(pack, source)); // stopping or unloading the plugin closes them
    try {
      for (Found f : nodes) {
        registry.register(f.node(), source);
      }
      for (CredentialType type : credentialTypes) {
        registry.register(type, source);
      }
    } catch (RuntimeException e) {
      registry.unregisterSource(source);
      throw fail(entry, "was not started: " + e.getMessage(), e);
    }
    entry.status = PluginStatus.STARTED;
    entry.error = null;
    entry.nodeTypes = List.copyOf(declared.keySet());
  }

  private List<NodePack> packs(Entry entry, ClassLoader loader) {
    List<NodePack> packs = new ArrayList<>();
    try {
      for (ServiceLoader.Provider<NodePack> provider : ServiceLoader.load(NodePack.class, loader).stream()
          .collect(Collectors.toList())) {
        if (provider.type().getClassLoader() != loader) {
          continue; // a pack of the host, visible through the parent loader
        }
        packs.add(provider.get());
      }
    } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
      throw fail(entry, "has a node pack that cannot be created: " + describe(e), e);
    }
    if (packs.isEmpty()) {
      throw fail(entry, "contains no node pack: name your NodePack class in META-INF/services/"
          + NodePack.class.getName() + " inside one of the plugin's jars", null);
    }
    return packs;
  }

  /** Records the failure, releases what was loaded, and returns the exception to throw. */
  private PluginException fail(Entry entry, String reason, Throwable cause) {
    String message = "plugin '" + entry.id + "' (" + entry.path.getFileName() + ") " + reason;
    PluginWrapper wrapper = manager.getPlugin(entry.id);
    if (wrapper != null && entry.unpacked != null && wrapper.getPluginPath().equals(entry.unpacked)) {
      try {
        manager.unloadPlugin(entry.id);
      } catch (RuntimeException e) {
        message += " (unloading it failed too: " + describe(e) + ")";
      }
    }
    entry.status = PluginStatus.FAILED;
    entry.nodeTypes = List.of();
    entry.error = message;
    if (!entries.contains(entry)) {
      entries.add(entry);
    }
    log.warn(message, cause);
    return new PluginException(entry.id, message, cause);
  }

  private void unloadEntry(Entry entry) {
    if (entry.status != PluginStatus.FAILED) {
      registry.unregisterSource(source(entry.id));
      manager.unloadPlugin(entry.id);
      log.info("Unloaded plugin '{}'", entry.id);
    }
    entries.remove(entry);
  }

  // ---- helpers ----

  private Entry require(String pluginId) {
    Entry failed = null;
    for (Entry e : entries) {
      if (e.id.equals(pluginId)) {
        if (e.status != PluginStatus.FAILED) {
          return e;
        }
        failed = e;
      }
    }
    if (failed != null) {
      return failed;
    }
    List<String> known = entries.stream().map(e -> e.id).sorted().distinct().collect(Collectors.toList());
    throw new PluginException(pluginId, "no plugin '" + pluginId + "' is loaded" + (known.isEmpty()
        ? " (no plugins are)" : "; the plugins are: " + String.join(", ", known)), null);
  }

  private Entry loadedFrom(Path path) {
    for (Entry e : entries) {
      if (e.status != PluginStatus.FAILED && e.path.equals(path)) {
        return e;
      }
    }
    return null;
  }

  private Entry loadedById(String id) {
    for (Entry e : entries) {
      if (e.status != PluginStatus.FAILED && e.id.equals(id)) {
        return e;
      }
    }
    return null;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the plugins of " + directory + " were closed");
    }
  }

  /** The registry source of a plugin's node types. */
  static String source(String pluginId) {
    return "plugin '" + pluginId + "'";
  }

  private static boolean isCandidate(Path path) {
    String name = path.getFileName().toString();
    if (name.startsWith(".")) {
      return false;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (Files.isDirectory(path)) {
      // foo/ beside foo.zip is that zip unpacked by hand (or by PF4J's own manager), not another plugin
      return !Files.exists(path.resolveSibling(name + ".zip"));
    }
    return Files.isRegularFile(path) && (lower.endsWith(".zip") || lower.endsWith(".jar"));
  }

  private static String fallbackId(Path path) {
    String name = path.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".zip") || lower.endsWith(".jar") ? name.substring(0, name.length() - 4) : name;
  }

  /** A failure in words: a missing class is named as such, other errors by type and message, with their cause. */
  static String describe(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof NoClassDefFoundError || c instanceof ClassNotFoundException) {
        String name = c.getMessage() == null ? "(unnamed)" : c.getMessage().replace('/', '.');
        return "class " + name + " is missing (" + c.getClass().getSimpleName()
            + "); the plugin must bundle the library that contains it in its lib/ folder";
      }
    }
    StringBuilder text = new StringBuilder();
    Throwable c = t;
    for (int depth = 0; c != null && depth < 4; depth++, c = c.getCause()) {
      String message = c.getMessage();
      if (depth > 0) {
        if (message != null && text.indexOf(message) >= 0) {
          continue;
        }
        text.append("; caused by ");
      }
      text.append(c.getClass().getSimpleName());
      if (message != null) {
        text.append(": ").append(message);
      }
    }
    return text.toString();
  }
}
