package dev.weft.plugin;

import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.List;
import org.pf4j.ClassLoadingStrategy;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * A plugin's class loader: the types a node shares with the engine come from the host, everything else from the plugin
 * first.
 *
 * <p>Parent-first: {@code java.*} and PF4J (as PF4J does), the SPI ({@code dev.weft.spi}: a node's {@code Item} must be
 * the engine's {@code Item}), slf4j (the logger a context hands out), Jackson (JSON trees cross the boundary), and
 * OkHttp with Okio and the Kotlin standard library (the engine hands nodes its shared {@code OkHttpClient}). All other
 * classes are looked up in the plugin's own jars first and only then in the host, so two plugins can each bundle their
 * own version of one library.
 *
 * <p>{@link #close()} does not close the jars: executions still running with this plugin's node instances may load
 * classes they have not touched yet. The jars are released when the loader becomes unreachable, or at once by
 * {@link #release()} when the engine shuts down.
 */
final class IsolatingClassLoader extends PluginClassLoader {
  static final List<String> PARENT_FIRST =
      List.of("dev.weft.spi.", "org.slf4j.", "com.fasterxml.jackson.", "okhttp3.", "okio.", "kotlin.");

  private volatile boolean retired;

  IsolatingClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader parent) {
    super(manager, descriptor, parent, ClassLoadingStrategy.PDA);
  }

  /** Whether a class is always taken from the host. */
  static boolean parentFirst(String className) {
    for (String prefix : PARENT_FIRST) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static boolean parentFirstResource(String name) {
    return parentFirst(name.replace('/', '.'));
  }

  @Override
  protected boolean shouldDelegateToParent(String className) {
    return super.shouldDelegateToParent(className) || parentFirst(className);
  }

  @Override
  public URL getResource(String name) {
    return parentFirstResource(name) ? getParent().getResource(name) : super.getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    return parentFirstResource(name) ? getParent().getResources(name) : super.getResources(name);
  }

  /** Marks the loader as unloaded; its jars stay open for executions that still hold the plugin's nodes. */
  @Override
  public void close() {
    retired = true;
  }

  /** Whether the plugin this loader belongs to was unloaded. */
  boolean retired() {
    return retired;
  }

  /** Closes the jars now. Classes not loaded yet can no longer be loaded. */
  void release() throws IOException {
    retired = true;
    super.close();
  }
}
