package dev.weft.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.node.NodeRegistry;
import dev.weft.plugin.fixtures.LazyHelper;
import dev.weft.plugin.fixtures.Packs;
import dev.weft.plugin.fixtures.ShoutNode;
import dev.weft.plugin.fixtures.SlugNode;
import dev.weft.plugin.fixtures.TextLib;
import dev.weft.spi.Item;
import dev.weft.spi.ItemNode;
import dev.weft.spi.Node;
import dev.weft.spi.WeftSpi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

class NodePluginsTest {
  @TempDir
  Path dir;

  private final NodeRegistry registry = new NodeRegistry();
  private final AtomicInteger changes = new AtomicInteger();
  private NodePlugins plugins;

  private NodePlugins plugins() {
    if (plugins == null) {
      plugins = new NodePlugins(registry, dir, changes::incrementAndGet);
    }
    return plugins;
  }

  @AfterEach
  void close() {
    if (plugins != null) {
      plugins.close();
    }
  }

  // ---- plugin builders ----

  private static TestPlugin alpha(String textLibVersion, boolean withSlug) {
    return TestPlugin.of("alpha")
        .classes(Packs.class, ShoutNode.class, LazyHelper.class)
        .pack(Packs.Alpha.class)
        .lib("textlib-" + textLibVersion + ".jar", TestPlugin.textLib(textLibVersion, withSlug));
  }

  private static TestPlugin alpha() {
    return alpha("1.0", false);
  }

  private static TestPlugin beta() {
    return TestPlugin.of("beta")
        .classes(Packs.class, SlugNode.class)
        .pack(Packs.Beta.class)
        .lib("textlib-2.0.jar", TestPlugin.textLib("2.0", true));
  }

  private Item run(String type, Item item) throws Exception {
    NodeRegistry.Registered r = registry.find(type, 0);
    assertThat(r).as("node type %s registered", type).isNotNull();
    return ((ItemNode) r.node()).process(item, 0, null);
  }

  private PluginInfo info(String id) {
    return plugins().list().stream().filter(p -> p.id().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no plugin " + id + " in " + plugins().list()));
  }

  // ---- loading and isolation ----

  @Test
  void loadsEveryPluginOfTheFolderAndRunsItsNodes() throws Exception {
    alpha().zip(dir, "alpha-1.0.0.zip");
    beta().zip(dir, "beta-1.0.0.zip");

    List<PluginInfo> loaded = plugins().loadAll();

    assertThat(loaded).extracting(PluginInfo::id, PluginInfo::version, PluginInfo::status, PluginInfo::nodeTypes)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("alpha", "1.0.0", PluginStatus.STARTED, List.of("alpha.shout@1")),
            org.assertj.core.groups.Tuple.tuple("beta", "1.0.0", PluginStatus.STARTED, List.of("beta.slug@1")));
    assertThat(loaded).allSatisfy(p -> assertThat(p.error()).isNull());
    assertThat(changes).hasValue(1);
    assertThat(registry.find("alpha.shout", 1).source()).isEqualTo("plugin 'alpha'");
    assertThat(run("alpha.shout", Item.of("text", "hi")).json()).containsEntry("shout", "HI!");
    assertThat(run("beta.slug", Item.of("text", "Hello World")).json()).containsEntry("slug", "v2.0:hello-world");
  }

  @Test
  void twoPluginsBundlingClashingVersionsOfOneLibraryEachSeeTheirOwn() throws Exception {
    alpha("1.0", false).zip(dir, "alpha.zip");
    beta().zip(dir, "beta.zip");
    plugins().loadAll();

    // alpha sees textlib 1.0, beta sees 2.0 (and calls slug(), which 1.0 lacks), the host keeps its own copy
    assertThat(run("alpha.shout", Item.of("text", "a")).json()).containsEntry("lib", "1.0");
    assertThat(run("beta.slug", Item.of("text", "B c")).json()).containsEntry("lib", "2.0")
        .containsEntry("slug", "v2.0:b-c");
    assertThat(TextLib.version()).isEqualTo("host");

    Node shout = registry.find("alpha.shout", 1).node();
    Node slug = registry.find("beta.slug", 1).node();
    assertThat(shout.getClass().getClassLoader()).isInstanceOf(IsolatingClassLoader.class)
        .isNotSameAs(slug.getClass().getClassLoader());
    assertThat(shout.getClass()).isNotSameAs(ShoutNode.class); // the plugin's copy, child-first
  }

  @Test
  void theSpiLoggingJsonAndHttpTypesComeFromTheHostEvenWhenAPluginBundlesThem() throws Exception {
    // a plugin that (wrongly) bundles its own copies of host-provided types
    Map<String, byte[]> impostors = TestPlugin.compile(Map.of(
        "okhttp3.OkHttpClient", "package okhttp3; public class OkHttpClient { }",
        "com.fasterxml.jackson.databind.ObjectMapper",
        "package com.fasterxml.jackson.databind; public class ObjectMapper { }",
        "org.slf4j.Logger", "package org.slf4j; public interface Logger { }",
        "dev.weft.spi.Item", "package dev.weft.spi; public final class Item { }"));
    beta().lib("impostors.jar", impostors).zip(dir, "beta.zip");
    plugins().loadAll();

    ClassLoader loader = registry.find("beta.slug", 1).node().getClass().getClassLoader();
    assertThat(loader.loadClass("okhttp3.OkHttpClient")).isSameAs(OkHttpClient.class);
    assertThat(loader.loadClass("com.fasterxml.jackson.databind.ObjectMapper")).isSameAs(ObjectMapper.class);
    assertThat(loader.loadClass("org.slf4j.Logger")).isSameAs(Logger.class);
    assertThat(loader.loadClass("dev.weft.spi.Item")).isSameAs(Item.class);
    assertThat(loader.loadClass(TextLib.class.getName())).isNotSameAs(TextLib.class);
    assertThat(run("beta.slug", Item.of("text", "x")).json()).containsEntry("slug", "v2.0:x");
  }

  @Test
  void loadsPluginsGivenAsAFolderOrAsOneJar() throws Exception {
    alpha().folder(dir, "alpha");
    TestPlugin.of("beta-jar").classes(Packs.class, SlugNode.class).pack(Packs.Beta.class).jar(dir, "beta.jar");

    plugins().loadAll();

    assertThat(info("alpha").status()).isEqualTo(PluginStatus.STARTED);
    assertThat(info("beta-jar").status()).isEqualTo(PluginStatus.STARTED);
    assertThat(run("alpha.shout", Item.of("text", "f")).json()).containsEntry("lib", "1.0");
    // a single jar bundles no libraries: beta's TextLib falls back to the host's copy
    assertThat(run("beta.slug", Item.of("text", "J K")).json()).containsEntry("lib", "host");
  }

  @Test
  void aZipIsUnpackedOnceAndAFolderScannedAgainLoadsEachPluginOnce() throws Exception {
    alpha().zip(dir, "alpha.zip");
    Files.writeString(dir.resolve("notes.txt"), "not a plugin");
    Files.createDirectories(dir.resolve(".cache"));
    plugins().loadAll();
    List<Path> unpacked = children(dir.resolve(".unpacked"));
    assertThat(unpacked).hasSize(1);
    assertThat(unpacked.get(0).getFileName().toString()).startsWith("alpha-" + Files.size(dir.resolve("alpha.zip")));
    FileTime unpackedAt = Files.getLastModifiedTime(unpacked.get(0).resolve(".complete"));
    plugins().close();
    assertThat(children(dir.resolve(".unpacked"))).as("kept for the next start").isEqualTo(unpacked);

    plugins = new NodePlugins(new NodeRegistry(), dir, () -> {});
    assertThat(plugins.loadAll()).extracting(PluginInfo::id, PluginInfo::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("alpha", PluginStatus.STARTED));
    assertThat(Files.getLastModifiedTime(unpacked.get(0).resolve(".complete"))).as("not unpacked again")
        .isEqualTo(unpackedAt);
    assertThat(plugins.loadAll()).hasSize(1); // already loaded: nothing new
  }

  @Test
  void aReplacedZipIsUnpackedAgainEvenWithTheSameModificationTimeAndOldFoldersGoAtClose() throws Exception {
    Path zip = alpha("1.0", false).zip(dir, "alpha.zip");
    FileTime time = FileTime.from(Instant.parse("2025-01-01T00:00:00Z"));
    Files.setLastModifiedTime(zip, time);
    plugins().loadAll();

    alpha("2.0", true).lib("extra.jar", TestPlugin.compile(Map.of("x.Extra", "package x; class Extra {}")))
        .zip(dir, "alpha.zip");
    Files.setLastModifiedTime(zip, time); // copied with its time preserved, like cp -p
    plugins().reload("alpha");

    assertThat(run("alpha.shout", Item.of("text", "t")).json()).containsEntry("lib", "2.0");
    assertThat(children(dir.resolve(".unpacked"))).as("the old version stays for running executions").hasSize(2);
    plugins().close();
    assertThat(children(dir.resolve(".unpacked"))).hasSize(1);
  }

  @Test
  void foldersLeftByEarlierRunsAreDeleted() throws Exception {
    alpha().zip(dir, "alpha.zip");
    Path stale = Files.createDirectories(dir.resolve(".unpacked/alpha-1-2/lib"));
    plugins().loadAll();
    assertThat(stale.getParent()).doesNotExist();
    assertThat(children(dir.resolve(".unpacked"))).hasSize(1);
  }

  @Test
  void whenThePluginsFolderCannotHoldTheUnpackedZipsATemporaryFolderIsUsed() throws Exception {
    alpha().zip(dir, "alpha.zip");
    Files.writeString(dir.resolve(".unpacked"), "a file where the work folder would go");
    plugins().loadAll();
    assertThat(info("alpha").status()).isEqualTo(PluginStatus.STARTED);
    assertThat(run("alpha.shout", Item.of("text", "t")).json()).containsEntry("lib", "1.0");
    plugins().close();
    assertThat(Files.readString(dir.resolve(".unpacked"))).startsWith("a file");
  }

  private static List<Path> children(Path folder) throws IOException {
    try (java.util.stream.Stream<Path> files = Files.list(folder)) {
      return files.sorted().collect(java.util.stream.Collectors.toList());
    }
  }

  @Test
  void aMissingFolderLoadsNothing() {
    plugins = new NodePlugins(registry, dir.resolve("absent"), changes::incrementAndGet);
    assertThat(plugins.loadAll()).isEmpty();
    assertThat(changes).hasValue(0);
  }

  // ---- failures: reported with the plugin's id, the others still load ----

  @Test
  void aPluginRequiringAnotherSpiVersionFailsAloneAndSaysWhichVersions() throws Exception {
    alpha().zip(dir, "alpha.zip");
    beta().requires(">=2.0.0 & <3.0.0").zip(dir, "beta.zip");

    plugins().loadAll();

    PluginInfo beta = info("beta");
    assertThat(beta.status()).isEqualTo(PluginStatus.FAILED);
    assertThat(beta.requires()).isEqualTo(">=2.0.0 & <3.0.0");
    assertThat(beta.error()).isEqualTo("plugin 'beta' (beta.zip) requires Weft SPI >=2.0.0 & <3.0.0, but this "
        + "engine provides SPI " + WeftSpi.VERSION);
    assertThat(registry.find("beta.slug", 0)).isNull();
    assertThat(info("alpha").status()).isEqualTo(PluginStatus.STARTED);
  }

  @Test
  void aRequiresThatIsNoVersionRangeIsReported() throws Exception {
    alpha().requires("one point oh").zip(dir, "alpha.zip");
    plugins().loadAll();
    assertThat(info("alpha").error()).startsWith("plugin 'alpha' (alpha.zip) declares requires 'one point oh', "
        + "which is not a version range");
  }

  @Test
  void aCorruptZipFailsAloneUnderItsFileName() throws Exception {
    Files.write(dir.resolve("broken-1.0.zip"), "this is no zip".getBytes());
    Path good = alpha().zip(dir, "good.zip");
    byte[] bytes = Files.readAllBytes(good);
    Files.write(dir.resolve("truncated.zip"), Arrays.copyOf(bytes, bytes.length / 2));

    plugins().loadAll();

    assertThat(info("broken-1.0").status()).isEqualTo(PluginStatus.FAILED);
    assertThat(info("broken-1.0").error()).startsWith("plugin 'broken-1.0' (broken-1.0.zip) is not a readable zip: ");
    assertThat(info("truncated").status()).isEqualTo(PluginStatus.FAILED);
    assertThat(info("truncated").error()).contains("plugin 'truncated' (truncated.zip)");
    assertThat(info("alpha").status()).isEqualTo(PluginStatus.STARTED);
  }

  @Test
  void aZipWhoseEntriesEscapeItsFolderIsRefused() throws Exception {
    try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(
        Files.newOutputStream(dir.resolve("sneaky.zip")))) {
      out.putNextEntry(new java.util.zip.ZipEntry("plugin.properties"));
      out.write("plugin.id=sneaky\nplugin.version=1.0.0\n".getBytes());
      out.putNextEntry(new java.util.zip.ZipEntry("../../escaped.txt"));
      out.write("outside".getBytes());
    }
    plugins().loadAll();
    assertThat(info("sneaky").error()).isEqualTo("plugin 'sneaky' (sneaky.zip) cannot be unpacked: IOException: its "
        + "entry '../../escaped.txt' would be written outside the plugin's folder");
    assertThat(dir.resolve("escaped.txt")).doesNotExist();
    assertThat(dir.getParent().resolve("escaped.txt")).doesNotExist();
  }

  @Test
  void aZipWithoutDescriptorIsReported() throws Exception {
    alpha().withoutDescriptor().zip(dir, "nameless.zip");
    plugins().loadAll();
    assertThat(info("nameless").error()).startsWith("plugin 'nameless' (nameless.zip) has no valid plugin "
        + "descriptor");
  }

  @Test
  void aPluginWithoutNodePackIsReported() throws Exception {
    TestPlugin.of("empty").classes(SlugNode.class).zip(dir, "empty.zip");
    plugins().loadAll();
    assertThat(info("empty").error()).isEqualTo("plugin 'empty' (empty.zip) contains no node pack: name your "
        + "NodePack class in META-INF/services/dev.weft.spi.NodePack inside one of the plugin's jars");
  }

  @Test
  void aMissingClassIsNamedWithThePlugin() throws Exception {
    Map<String, byte[]> classes = TestPlugin.compile(Map.of(
        "gone.Library", "package gone; public final class Library { public static String text() { return \"x\"; } }",
        "needs.NeedsNode", "package needs;\n"
            + "public final class NeedsNode implements dev.weft.spi.ItemNode {\n"
            + "  public dev.weft.spi.NodeDescriptor descriptor() {\n"
            + "    return dev.weft.spi.NodeDescriptor.builder(\"needs.gone\").description(gone.Library.text()).build();\n"
            + "  }\n"
            + "  public dev.weft.spi.Item process(dev.weft.spi.Item item, int i, dev.weft.spi.NodeContext c) {\n"
            + "    return item;\n"
            + "  }\n"
            + "}\n",
        "needs.NeedsPack", "package needs;\n"
            + "public final class NeedsPack implements dev.weft.spi.NodePack {\n"
            + "  public String id() { return \"test.needs\"; }\n"
            + "  public java.util.List<dev.weft.spi.Node> nodes() { return java.util.List.of(new NeedsNode()); }\n"
            + "}\n"));
    classes.remove("gone/Library.class"); // the library the plugin forgot to bundle
    TestPlugin.of("needs").compiled(classes).pack("needs.NeedsPack").zip(dir, "needs.zip");
    alpha().zip(dir, "alpha.zip");

    plugins().loadAll();

    assertThat(info("needs").error()).isEqualTo("plugin 'needs' (needs.zip) node needs.NeedsNode has an invalid "
        + "descriptor: class gone.Library is missing (NoClassDefFoundError); the plugin must bundle the library "
        + "that contains it in its lib/ folder");
    assertThat(info("alpha").status()).isEqualTo(PluginStatus.STARTED);
  }

  @Test
  void aPackClassThatIsNotThereIsReported() throws Exception {
    TestPlugin.of("ghost").classes(SlugNode.class).pack("ghost.GhostPack").zip(dir, "ghost.zip");
    plugins().loadAll();
    assertThat(info("ghost").error()).startsWith("plugin 'ghost' (ghost.zip) has a node pack that cannot be created: ")
        .contains("ghost.GhostPack");
  }

  @Test
  void anInvalidNodeDescriptorFailsThePluginAndRegistersNoneOfItsNodes() throws Exception {
    TestPlugin.of("bad").classes(Packs.class, SlugNode.class, dev.weft.plugin.fixtures.BadDescriptorNode.class)
        .pack(Packs.BadDescriptor.class).zip(dir, "bad.zip");
    plugins().loadAll();

    assertThat(info("bad").error()).isEqualTo("plugin 'bad' (bad.zip) node "
        + "dev.weft.plugin.fixtures.BadDescriptorNode has an invalid descriptor: IllegalArgumentException: node type "
        + "id 'Shout' must be namespaced, like 'acme.invoice' (a lower-case namespace, a dot, a name)");
    assertThat(registry.find("beta.slug", 0)).as("the valid node of the failed plugin").isNull();
  }

  @Test
  void aNodeTypeAnotherPluginRegisteredIsAnErrorNamingBothPlugins() throws Exception {
    alpha().zip(dir, "a-alpha.zip");
    TestPlugin.of("clash").classes(Packs.class, ShoutNode.class, LazyHelper.class).pack(Packs.Clash.class)
        .lib("textlib-9.jar", TestPlugin.textLib("9", false)).zip(dir, "b-clash.zip");

    plugins().loadAll();

    PluginInfo clash = info("clash");
    assertThat(clash.status()).isEqualTo(PluginStatus.FAILED);
    assertThat(clash.error()).startsWith("plugin 'clash' (b-clash.zip) was not started: node type 'alpha.shout' "
        + "version 1 is registered twice: by plugin 'alpha' (")
        .contains("and by plugin 'clash' (");
    assertThat(registry.find("alpha.shout", 1).source()).isEqualTo("plugin 'alpha'");
    assertThat(run("alpha.shout", Item.of("text", "x")).json()).containsEntry("lib", "1.0");

    // once alpha is gone, the failed plugin can be started again
    plugins().unload("alpha");
    assertThat(plugins().start("clash").status()).isEqualTo(PluginStatus.STARTED);
    assertThat(run("alpha.shout", Item.of("text", "x")).json()).containsEntry("lib", "9");
  }

  @Test
  void aNodeTypeOfAPackOnTheClasspathIsAlsoAClash() throws Exception {
    registry.register(new Packs.Alpha());
    alpha().zip(dir, "alpha.zip");
    plugins().loadAll();
    assertThat(info("alpha").error()).contains("by node pack 'test.alpha'").contains("and by plugin 'alpha'");
  }

  @Test
  void twoPluginsWithOneIdAreReported() throws Exception {
    alpha().zip(dir, "a.zip");
    alpha().version("2.0.0").zip(dir, "b.zip");
    plugins().loadAll();
    assertThat(plugins().list()).extracting(PluginInfo::version, PluginInfo::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("1.0.0", PluginStatus.STARTED),
            org.assertj.core.groups.Tuple.tuple("2.0.0", PluginStatus.FAILED));
    assertThat(plugins().list().get(1).error()).isEqualTo("plugin 'alpha' (b.zip) has the same id as the plugin "
        + "loaded from " + dir.resolve("a.zip").toAbsolutePath().normalize()
        + "; unload that one first, or give one of them another plugin id");
  }

  @Test
  void loadOfOnePluginThrowsWhatFailed() throws Exception {
    Path zip = beta().requires("<1.0.0").zip(dir, "beta.zip");
    assertThatThrownBy(() -> plugins().load(zip))
        .isInstanceOf(PluginException.class)
        .hasMessage("plugin 'beta' (beta.zip) requires Weft SPI <1.0.0, but this engine provides SPI "
            + WeftSpi.VERSION)
        .satisfies(e -> assertThat(((PluginException) e).pluginId()).isEqualTo("beta"));
    assertThat(changes).hasValue(0);
  }

  // ---- run time: start, stop, unload, reload ----

  @Test
  void stopStartAndUnloadChangeTheRegistryAndTellTheEngine() throws Exception {
    Path zip = alpha().zip(dir, "alpha.zip");
    PluginInfo loaded = plugins().load(zip);
    assertThat(loaded.status()).isEqualTo(PluginStatus.STARTED);
    assertThat(loaded.path()).isEqualTo(zip.toAbsolutePath().normalize());
    assertThat(changes).hasValue(1);

    assertThat(plugins().stop("alpha").status()).isEqualTo(PluginStatus.STOPPED);
    assertThat(registry.find("alpha.shout", 0)).isNull();
    assertThat(info("alpha").nodeTypes()).isEmpty();
    assertThat(changes).hasValue(2);

    assertThat(plugins().start("alpha").nodeTypes()).containsExactly("alpha.shout@1");
    assertThat(run("alpha.shout", Item.of("text", "s")).json()).containsEntry("shout", "S!");
    assertThat(changes).hasValue(3);

    plugins().unload("alpha");
    assertThat(registry.find("alpha.shout", 0)).isNull();
    assertThat(plugins().list()).isEmpty();
    assertThat(changes).hasValue(4);

    assertThatThrownBy(() -> plugins().load(dir.resolve("nothing.zip")))
        .hasMessage("plugin 'nothing' (nothing.zip) does not exist");
    assertThatThrownBy(() -> plugins().stop("alpha")).isInstanceOf(PluginException.class)
        .hasMessage("no plugin 'alpha' is loaded; the plugins are: nothing");
  }

  @Test
  void loadingTheSameZipTwiceIsRefused() throws Exception {
    Path zip = alpha().zip(dir, "alpha.zip");
    plugins().load(zip);
    assertThatThrownBy(() -> plugins().load(zip)).hasMessage("plugin 'alpha' is already loaded from "
        + zip.toAbsolutePath().normalize() + "; use reload('alpha') to load it again");
  }

  @Test
  void reloadSwitchesNewLookupsToTheNewVersionWhileHeldInstancesKeepWorking() throws Exception {
    Path zip = alpha("1.0", false).zip(dir, "alpha.zip");
    plugins().loadAll();
    Node old = registry.find("alpha.shout", 1).node(); // what a running execution's plan holds

    // a new version of the plugin replaces the zip
    alpha("2.0", true).version("1.1.0").zip(dir, "alpha.zip");
    Files.setLastModifiedTime(zip, FileTime.from(Instant.now().plusSeconds(60)));
    PluginInfo reloaded = plugins().reload("alpha");

    assertThat(reloaded.version()).isEqualTo("1.1.0");
    assertThat(changes).hasValue(2);
    Node current = registry.find("alpha.shout", 1).node();
    assertThat(current).isNotSameAs(old);
    assertThat(current.getClass().getClassLoader()).isNotSameAs(old.getClass().getClassLoader());
    assertThat(run("alpha.shout", Item.of("text", "n")).json()).containsEntry("lib", "2.0");

    // the old instance still runs, and still loads classes from its own (unloaded) plugin
    Item fromOld = ((ItemNode) old).process(Item.of("text", "o", "lazy", true), 0, null);
    assertThat(fromOld.json()).containsEntry("lib", "1.0").containsEntry("helperFromPlugin", true);
    assertThat(((IsolatingClassLoader) old.getClass().getClassLoader()).retired()).isTrue();
  }

  @Test
  void aReloadThatFailsLeavesThePluginFailedAndRegistersNothing() throws Exception {
    Path zip = alpha().zip(dir, "alpha.zip");
    plugins().loadAll();
    Files.write(zip, "garbage".getBytes());
    Files.setLastModifiedTime(zip, FileTime.from(Instant.now().plusSeconds(60)));

    assertThatThrownBy(() -> plugins().reload("alpha")).isInstanceOf(PluginException.class)
        .hasMessageStartingWith("plugin 'alpha' (alpha.zip) ");
    assertThat(registry.find("alpha.shout", 0)).isNull();
    assertThat(info("alpha").status()).isEqualTo(PluginStatus.FAILED);
    assertThat(changes).hasValue(2);
  }

  @Test
  void stoppingAFailedPluginSaysWhyItIsNotRunning() throws Exception {
    beta().requires(">=9.0.0").zip(dir, "beta.zip");
    plugins().loadAll();
    assertThatThrownBy(() -> plugins().stop("beta")).hasMessageStartingWith("plugin 'beta' is not running, it "
        + "failed: plugin 'beta' (beta.zip) requires Weft SPI >=9.0.0");
  }

  @Test
  void closeUnregistersEveryPluginAndClosesTheirJars() throws Exception {
    alpha().zip(dir, "alpha.zip");
    beta().zip(dir, "beta.zip");
    plugins().loadAll();
    ClassLoader loader = registry.find("alpha.shout", 1).node().getClass().getClassLoader();

    plugins().close();

    assertThat(registry.descriptors()).isEmpty();
    assertThat(changes).hasValue(2);
    assertThat(((org.pf4j.PluginClassLoader) loader).isClosed()).isTrue();
    assertThatThrownBy(() -> plugins().loadAll()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aFileWhereTheFolderShouldBeIsReported() throws IOException {
    Path file = Files.writeString(dir.resolve("plugins"), "x");
    plugins = new NodePlugins(registry, file, () -> {});
    assertThatThrownBy(plugins::loadAll).hasMessage("the plugins folder " + file + " is a file, not a folder");
  }
}
