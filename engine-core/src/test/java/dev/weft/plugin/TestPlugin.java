package dev.weft.plugin;

import dev.weft.plugin.fixtures.TextLib;
import dev.weft.spi.NodePack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Builds plugin zips, folders and jars for the tests, from compiled test classes (their bytes read from the test
 * class path) and from Java sources compiled here, so that the tests need no other module's build.
 */
final class TestPlugin {
  private final String id;
  private String version = "1.0.0";
  private String requires = ">=1.0.0 & <2.0.0";
  private boolean descriptor = true;
  private final Map<String, byte[]> mainJar = new LinkedHashMap<>();
  private final List<String> packs = new ArrayList<>();
  private final Map<String, byte[]> libJars = new LinkedHashMap<>();

  private TestPlugin(String id) {
    this.id = id;
  }

  static TestPlugin of(String id) {
    return new TestPlugin(id);
  }

  TestPlugin version(String value) {
    this.version = value;
    return this;
  }

  TestPlugin requires(String value) {
    this.requires = value;
    return this;
  }

  TestPlugin withoutDescriptor() {
    this.descriptor = false;
    return this;
  }

  /** Copies compiled test classes, with their nested classes, into the plugin's own jar. */
  TestPlugin classes(Class<?>... classes) {
    for (Class<?> c : classes) {
      mainJar.put(c.getName().replace('.', '/') + ".class", classBytes(c.getName()));
    }
    return this;
  }

  /** Adds compiled classes given as entry name to bytes. */
  TestPlugin compiled(Map<String, byte[]> classes) {
    mainJar.putAll(classes);
    return this;
  }

  /** Names a pack class in the plugin's META-INF/services/dev.weft.spi.NodePack. */
  TestPlugin pack(String className) {
    packs.add(className);
    return this;
  }

  TestPlugin pack(Class<? extends NodePack> type) {
    classes(type);
    return pack(type.getName());
  }

  /** A jar in the plugin's lib/ folder. */
  TestPlugin lib(String fileName, Map<String, byte[]> classes) {
    libJars.put(fileName, jar(classes));
    return this;
  }

  /** Writes the plugin as a zip: plugin.properties and lib/*.jar. */
  Path zip(Path folder, String fileName) throws IOException {
    Path zip = folder.resolve(fileName);
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      if (descriptor) {
        put(out, "plugin.properties", properties());
      }
      put(out, "lib/" + id + "-" + version + ".jar", jar(mainEntries()));
      for (Map.Entry<String, byte[]> lib : libJars.entrySet()) {
        put(out, "lib/" + lib.getKey(), lib.getValue());
      }
    }
    return zip;
  }

  /** Writes the plugin unpacked, as a folder with plugin.properties and lib/. */
  Path folder(Path parent, String name) throws IOException {
    Path dir = Files.createDirectories(parent.resolve(name).resolve("lib"));
    if (descriptor) {
      Files.write(dir.getParent().resolve("plugin.properties"), properties());
    }
    Files.write(dir.resolve(id + "-" + version + ".jar"), jar(mainEntries()));
    for (Map.Entry<String, byte[]> lib : libJars.entrySet()) {
      Files.write(dir.resolve(lib.getKey()), lib.getValue());
    }
    return dir.getParent();
  }

  /** Writes the plugin as one jar with plugin.properties inside (it can bundle no libraries). */
  Path jar(Path folder, String fileName) throws IOException {
    Map<String, byte[]> entries = mainEntries();
    if (descriptor) {
      entries.put("plugin.properties", properties());
    }
    return Files.write(folder.resolve(fileName), jar(entries));
  }

  private Map<String, byte[]> mainEntries() {
    Map<String, byte[]> entries = new LinkedHashMap<>(mainJar);
    if (!packs.isEmpty()) {
      entries.put("META-INF/services/" + NodePack.class.getName(),
          (String.join("\n", packs) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return entries;
  }

  private byte[] properties() {
    return ("plugin.id=" + id + "\nplugin.version=" + version + "\nplugin.requires=" + requires
        + "\nplugin.provider=Weft tests\n").getBytes(StandardCharsets.ISO_8859_1);
  }

  private static void put(ZipOutputStream out, String name, byte[] bytes) throws IOException {
    out.putNextEntry(new ZipEntry(name));
    out.write(bytes);
    out.closeEntry();
  }

  static byte[] jar(Map<String, byte[]> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream out = new JarOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        out.putNextEntry(new JarEntry(e.getKey()));
        out.write(e.getValue());
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static byte[] classBytes(String className) {
    String resource = "/" + className.replace('.', '/') + ".class";
    try (InputStream in = TestPlugin.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no compiled test class " + className);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A version of {@link TextLib} compiled from source: {@code 1.0} lacks {@code slug}. */
  static Map<String, byte[]> textLib(String version, boolean withSlug) {
    String source = "package dev.weft.plugin.fixtures;\n"
        + "public final class TextLib {\n"
        + "  private TextLib() {}\n"
        + "  public static String version() { return \"" + version + "\"; }\n"
        + "  public static String shout(String t) { return t.toUpperCase(java.util.Locale.ROOT) + \"!\"; }\n"
        + (withSlug ? "  public static String slug(String t) { return \"v" + version + ":\" + t.trim()"
            + ".toLowerCase(java.util.Locale.ROOT).replaceAll(\"[^a-z0-9]+\", \"-\"); }\n" : "")
        + "}\n";
    return compile(Map.of("dev.weft.plugin.fixtures.TextLib", source));
  }

  /**
   * Compiles sources (class name to source) against the SPI and the test classes; returns class file entries
   * ({@code a/b/C.class} to bytes).
   */
  static Map<String, byte[]> compile(Map<String, String> sources) {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      throw new IllegalStateException("the tests need a JDK (javax.tools compiler), not a JRE");
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Map<String, ByteArrayOutputStream> output = new LinkedHashMap<>();
    StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8);
    JavaFileManager files = new ForwardingJavaFileManager<>(standard) {
      @Override
      public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
          FileObject sibling) {
        return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
          @Override
          public OutputStream openOutputStream() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            output.put(className.replace('.', '/') + ".class", out);
            return out;
          }
        };
      }
    };
    List<JavaFileObject> units = new ArrayList<>();
    sources.forEach((name, text) -> units.add(
        new SimpleJavaFileObject(URI.create("string:///" + name.replace('.', '/') + ".java"),
            JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
          }
        }));
    String classPath = location(NodePack.class) + java.io.File.pathSeparator + location(TextLib.class);
    boolean ok = compiler.getTask(null, files, diagnostics, List.of("-classpath", classPath, "--release", "17"),
        null, units).call();
    if (!ok) {
      throw new IllegalStateException("test sources do not compile: " + diagnostics.getDiagnostics());
    }
    Map<String, byte[]> classes = new LinkedHashMap<>();
    output.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
    return classes;
  }

  private static String location(Class<?> type) {
    try {
      return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
