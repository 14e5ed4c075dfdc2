package dev.weft.plugin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import org.pf4j.CompoundPluginLoader;
import org.pf4j.DefaultPluginLoader;
import org.pf4j.DefaultPluginManager;
import org.pf4j.JarPluginLoader;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginStatusProvider;
import org.pf4j.RuntimeMode;

/**
 * PF4J configured for node packs: always deployment mode (a {@code pf4j.mode} system property must not switch a
 * production engine to development class paths), {@link IsolatingClassLoader} for directory and jar plugins, the
 * system version set to the SPI version, and no {@code enabled.txt}/{@code disabled.txt}: {@link NodePlugins} starts
 * and stops plugins itself.
 */
final class WeftPluginManager extends DefaultPluginManager {
  private final ClassLoader parent;
  private final Set<IsolatingClassLoader> loaders = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  WeftPluginManager(Path root, ClassLoader parent, String systemVersion) {
    super(root);
    this.parent = parent;
    setSystemVersion(systemVersion);
  }

  @Override
  public RuntimeMode getRuntimeMode() {
    return RuntimeMode.DEPLOYMENT;
  }

  @Override
  protected PluginStatusProvider createPluginStatusProvider() {
    return new PluginStatusProvider() {
      @Override
      public boolean isPluginDisabled(String pluginId) {
        return false;
      }

      @Override
      public void disablePlugin(String pluginId) {
        // NodePlugins keeps the started/stopped state itself
      }

      @Override
      public void enablePlugin(String pluginId) {
        // NodePlugins keeps the started/stopped state itself
      }
    };
  }

  @Override
  protected PluginLoader createPluginLoader() {
    return new CompoundPluginLoader()
        .add(new JarPluginLoader(this) {
          @Override
          protected PluginClassLoader createPluginClassLoader(Path path, PluginDescriptor descriptor) {
            return track(new IsolatingClassLoader(pluginManager, descriptor, hostLoader()));
          }
        })
        .add(new DefaultPluginLoader(this) {
          @Override
          protected PluginClassLoader createPluginClassLoader(Path path, PluginDescriptor descriptor) {
            return track(new IsolatingClassLoader(pluginManager, descriptor, hostLoader()));
          }
        });
  }

  private IsolatingClassLoader track(IsolatingClassLoader loader) {
    loaders.add(loader);
    return loader;
  }

  /** Reads and validates the descriptor of an unpacked plugin, without loading it. */
  PluginDescriptor readDescriptor(Path pluginPath) {
    PluginDescriptor descriptor = getPluginDescriptorFinder().find(pluginPath);
    validatePluginDescriptor(descriptor);
    return descriptor;
  }

  /** Closes the jars of every plugin class loader still alive, also those of unloaded plugins. */
  void releaseAll() {
    List<IsolatingClassLoader> alive;
    synchronized (loaders) {
      alive = new ArrayList<>(loaders);
      loaders.clear();
    }
    for (IsolatingClassLoader loader : alive) {
      try {
        loader.release();
      } catch (IOException e) {
        // a jar that cannot be closed stays open until the loader is collected; nothing else to do at shutdown
      }
    }
  }

  private ClassLoader hostLoader() {
    // createPluginLoader runs inside the super constructor, before 'parent' is assigned; loaders are created later
    return parent != null ? parent : WeftPluginManager.class.getClassLoader();
  }
}
