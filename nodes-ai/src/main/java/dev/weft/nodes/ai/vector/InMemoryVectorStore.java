package dev.weft.nodes.ai.vector;

import dev.weft.spi.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A vector store in memory: exact (brute-force) cosine search over every document of a collection, with a bounded
 * heap for the top k. Suits tests, examples and collections up to some hundred thousand vectors; its content is lost
 * when the process ends.
 */
public final class InMemoryVectorStore implements VectorStore {
  private final Map<String, Shelf> collections = new ConcurrentHashMap<>();

  /** One collection: documents by id, with each vector's norm computed once. */
  private static final class Shelf {
    final ReadWriteLock lock = new ReentrantReadWriteLock();
    final Map<String, Stored> docs = new LinkedHashMap<>();
    int dimension;
  }

  private record Stored(VectorDocument doc, double norm) {}

  @Override
  public void upsert(String collection, List<VectorDocument> documents) throws VectorStoreException {
    VectorStore.checkCollection(collection);
    for (VectorDocument d : documents) {
      Vectors.checkVector(collection, "document '" + d.id() + "'", d.vector());
    }
    if (documents.isEmpty()) {
      return;
    }
    Shelf shelf = collections.computeIfAbsent(collection, k -> new Shelf());
    shelf.lock.writeLock().lock();
    try {
      int dimension = shelf.docs.isEmpty() ? documents.get(0).vector().length : shelf.dimension;
      for (VectorDocument d : documents) {
        if (d.vector().length != dimension) {
          throw Vectors.dimensionMismatch(collection, "document '" + d.id() + "'", dimension, d.vector().length);
        }
      }
      shelf.dimension = dimension;
      for (VectorDocument d : documents) {
        VectorDocument copy = new VectorDocument(d.id(), d.text(),
            java.util.Collections.unmodifiableMap(Json.copy(d.metadata())), d.vector().clone());
        shelf.docs.put(d.id(), new Stored(copy, Vectors.norm(copy.vector())));
      }
    } finally {
      shelf.lock.writeLock().unlock();
    }
  }

  @Override
  public List<ScoredDocument> search(String collection, float[] query, int topK, Map<String, Object> filter,
      double minScore) throws VectorStoreException {
    Vectors.checkSearch(collection, query, topK, minScore);
    Shelf shelf = collections.get(collection);
    if (shelf == null) {
      return List.of();
    }
    Vectors.TopK<VectorDocument> top = new Vectors.TopK<>(topK);
    shelf.lock.readLock().lock();
    try {
      if (!shelf.docs.isEmpty() && query.length != shelf.dimension) {
        throw Vectors.dimensionMismatch(collection, "the query vector", shelf.dimension, query.length);
      }
      for (Stored s : shelf.docs.values()) {
        double score = Vectors.cosine(query, s.doc().vector(), s.norm());
        if (score >= minScore && top.accepts(s.doc().id(), score) && Vectors.matches(s.doc().metadata(), filter)) {
          top.offer(s.doc().id(), score, s.doc());
        }
      }
    } finally {
      shelf.lock.readLock().unlock();
    }
    List<ScoredDocument> out = new ArrayList<>();
    for (Vectors.TopK.Entry<VectorDocument> e : top.best()) {
      out.add(new ScoredDocument(e.value().withoutVector(), e.score()));
    }
    return out;
  }

  @Override
  public List<VectorDocument> get(String collection, Collection<String> ids) {
    VectorStore.checkCollection(collection);
    Shelf shelf = collections.get(collection);
    if (shelf == null) {
      return List.of();
    }
    List<VectorDocument> out = new ArrayList<>();
    shelf.lock.readLock().lock();
    try {
      for (String id : ids) {
        Stored s = shelf.docs.get(id);
        if (s != null) {
          VectorDocument d = s.doc();
          out.add(new VectorDocument(d.id(), d.text(), d.metadata(), d.vector().clone()));
        }
      }
    } finally {
      shelf.lock.readLock().unlock();
    }
    return out;
  }

  @Override
  public int delete(String collection, Collection<String> ids) {
    VectorStore.checkCollection(collection);
    Shelf shelf = collections.get(collection);
    if (shelf == null) {
      return 0;
    }
    int removed = 0;
    shelf.lock.writeLock().lock();
    try {
      for (String id : ids) {
        if (shelf.docs.remove(id) != null) {
          removed++;
        }
      }
    } finally {
      shelf.lock.writeLock().unlock();
    }
    return removed;
  }

  @Override
  public long count(String collection) {
    VectorStore.checkCollection(collection);
    Shelf shelf = collections.get(collection);
    if (shelf == null) {
      return 0;
    }
    shelf.lock.readLock().lock();
    try {
      return shelf.docs.size();
    } finally {
      shelf.lock.readLock().unlock();
    }
  }

  @Override
  public boolean dropCollection(String collection) {
    VectorStore.checkCollection(collection);
    return collections.remove(collection) != null;
  }
}
