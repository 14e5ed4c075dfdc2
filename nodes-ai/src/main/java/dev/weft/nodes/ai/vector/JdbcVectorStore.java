package dev.weft.nodes.ai.vector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A vector store in a SQL database, over plain JDBC: one table per collection ({@code weft_vec_<name>}) and a
 * catalog table ({@code weft_vector_collection}) with each collection's dimension and storage, all created when
 * missing.
 *
 * <p>On PostgreSQL with the <a href="https://github.com/pgvector/pgvector">pgvector</a> extension (created with
 * {@code CREATE EXTENSION IF NOT EXISTS vector} when the database allows it, or already there) vectors are stored in
 * a {@code vector(n)} column with an HNSW index for cosine distance, metadata as {@code jsonb} (GIN index), and
 * searches run in the database ({@code ORDER BY embedding <=> query LIMIT k}, filters as {@code metadata @> filter}).
 * There, a filter value that is an object or array matches when the stored value contains it (jsonb containment)
 * rather than equals it; scalar values compare as everywhere else.
 *
 * <p>Everywhere else (H2, PostgreSQL without pgvector, other databases) vectors are stored portably as bytes
 * (little-endian float32) and a search reads the collection's ids and vectors in one pass, scores each in Java and
 * keeps the best k in a bounded heap; texts are then read for those k only. Exact, and fine up to some hundred
 * thousand vectors per collection.
 *
 * <p>A collection keeps the storage it was created with. Collection names are checked against
 * {@link VectorStore#COLLECTION_NAME} before they become part of a table name.
 */
public final class JdbcVectorStore implements VectorStore {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcVectorStore.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};
  static final String CATALOG = "weft_vector_collection";
  static final String TABLE_PREFIX = "weft_vec_";
  /** pgvector's HNSW index takes vectors up to this many dimensions. */
  static final int HNSW_MAX_DIMENSION = 2000;
  private static final int IN_CHUNK = 500;

  private final DataSource dataSource;
  private final boolean allowPgvector;
  private final Map<String, Info> catalog = new ConcurrentHashMap<>();
  private volatile Dialect dialect;

  enum Dialect { POSTGRESQL, H2, OTHER }

  enum Storage { PGVECTOR, PORTABLE }

  record Info(int dimension, Storage storage) {}

  /** A store on this database that uses pgvector when it can. */
  public JdbcVectorStore(DataSource dataSource) {
    this(dataSource, true);
  }

  /**
   * A store on this database.
   *
   * @param allowPgvector whether new collections on PostgreSQL may use pgvector (false: always the portable storage)
   */
  public JdbcVectorStore(DataSource dataSource, boolean allowPgvector) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.allowPgvector = allowPgvector;
  }

  /** Whether new collections use pgvector (PostgreSQL with the extension). Connects on first use. */
  public boolean usesPgvector() throws VectorStoreException {
    return init() == Dialect.POSTGRESQL && pgvector;
  }

  private volatile boolean pgvector;

  private Dialect init() throws VectorStoreException {
    Dialect d = dialect;
    if (d != null) {
      return d;
    }
    synchronized (this) {
      if (dialect != null) {
        return dialect;
      }
      try (Connection c = dataSource.getConnection()) {
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        d = product.contains("postgres") ? Dialect.POSTGRESQL : product.contains("h2") ? Dialect.H2 : Dialect.OTHER;
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
          st.execute(createCatalog(d));
        }
        if (d == Dialect.POSTGRESQL && allowPgvector) {
          pgvector = enablePgvector(c);
        }
      } catch (SQLException e) {
        throw new VectorStoreException("vector store: could not prepare the database: " + e.getMessage(), e);
      }
      LOG.info("vector store on {}: new collections use {}", d,
          pgvector ? "pgvector (vector column, HNSW index)" : "portable storage (vectors ranked in Java)");
      dialect = d;
      return d;
    }
  }

  private static boolean enablePgvector(Connection c) {
    try (Statement st = c.createStatement()) {
      st.execute("CREATE EXTENSION IF NOT EXISTS vector");
      return true;
    } catch (SQLException e) {
      LOG.debug("CREATE EXTENSION vector failed: {}", e.getMessage());
    }
    // not allowed to create it (or not installed): it may still exist
    try (Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT 1 FROM pg_extension WHERE extname = 'vector'")) {
      return rs.next();
    } catch (SQLException e) {
      return false;
    }
  }

  static String createCatalog(Dialect d) {
    return "CREATE TABLE IF NOT EXISTS " + CATALOG + " (name VARCHAR(48) PRIMARY KEY, dimension INT NOT NULL,"
        + " storage VARCHAR(16) NOT NULL)";
  }

  static String table(String collection) {
    return TABLE_PREFIX + VectorStore.checkCollection(collection);
  }

  /** The statements creating a collection's table (and indexes). */
  static List<String> createTable(Dialect d, Storage storage, String collection, int dimension) {
    String t = table(collection);
    if (storage == Storage.PGVECTOR) {
      List<String> ddl = new ArrayList<>();
      ddl.add("CREATE TABLE IF NOT EXISTS " + t + " (id VARCHAR(512) PRIMARY KEY, text TEXT NOT NULL,"
          + " metadata JSONB NOT NULL, embedding vector(" + dimension + ") NOT NULL)");
      if (dimension <= HNSW_MAX_DIMENSION) {
        ddl.add("CREATE INDEX IF NOT EXISTS " + t + "_hnsw ON " + t + " USING hnsw (embedding vector_cosine_ops)");
      }
      ddl.add("CREATE INDEX IF NOT EXISTS " + t + "_meta ON " + t + " USING gin (metadata jsonb_path_ops)");
      return ddl;
    }
    String text = switch (d) {
      case POSTGRESQL -> "TEXT";
      case H2, OTHER -> "CLOB";
    };
    String bytes = switch (d) {
      case POSTGRESQL -> "BYTEA";
      case H2 -> "VARBINARY";
      case OTHER -> "BLOB";
    };
    return List.of("CREATE TABLE IF NOT EXISTS " + t + " (id VARCHAR(512) PRIMARY KEY, text " + text + " NOT NULL,"
        + " metadata " + text + " NOT NULL, vector " + bytes + " NOT NULL)");
  }

  /** The statement inserting or replacing one document. */
  static String upsertSql(Dialect d, Storage storage, String collection) {
    String t = table(collection);
    if (storage == Storage.PGVECTOR) {
      return "INSERT INTO " + t + " (id, text, metadata, embedding) VALUES (?, ?, CAST(? AS jsonb),"
          + " CAST(? AS vector)) ON CONFLICT (id) DO UPDATE SET text = EXCLUDED.text, metadata = EXCLUDED.metadata,"
          + " embedding = EXCLUDED.embedding";
    }
    return switch (d) {
      case POSTGRESQL -> "INSERT INTO " + t + " (id, text, metadata, vector) VALUES (?, ?, ?, ?) ON CONFLICT (id)"
          + " DO UPDATE SET text = EXCLUDED.text, metadata = EXCLUDED.metadata, vector = EXCLUDED.vector";
      case H2 -> "MERGE INTO " + t + " (id, text, metadata, vector) KEY (id) VALUES (?, ?, ?, ?)";
      case OTHER -> "INSERT INTO " + t + " (id, text, metadata, vector) VALUES (?, ?, ?, ?)";
    };
  }

  /** The pgvector search: cosine distance in the database, filter by jsonb containment. */
  static String pgvectorSearchSql(String collection) {
    String t = table(collection);
    return "SELECT id, text, metadata::text AS metadata, 1 - (embedding <=> CAST(? AS vector)) AS score FROM " + t
        + " WHERE metadata @> CAST(? AS jsonb) AND 1 - (embedding <=> CAST(? AS vector)) >= ?"
        + " ORDER BY embedding <=> CAST(? AS vector), id LIMIT ?";
  }

  private Info info(Connection c, String collection) throws SQLException {
    Info cached = catalog.get(collection);
    if (cached != null) {
      return cached;
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT dimension, storage FROM " + CATALOG + " WHERE name = ?")) {
      ps.setString(1, collection);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        Info info = new Info(rs.getInt(1), Storage.valueOf(rs.getString(2)));
        catalog.put(collection, info);
        return info;
      }
    }
  }

  /** The collection's info, creating it with this dimension when it does not exist. */
  private Info ensure(Connection c, Dialect d, String collection, int dimension) throws SQLException {
    Info existing = info(c, collection);
    if (existing != null) {
      return existing;
    }
    Storage storage = d == Dialect.POSTGRESQL && pgvector ? Storage.PGVECTOR : Storage.PORTABLE;
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(true);
    try (Statement st = c.createStatement()) {
      for (String ddl : createTable(d, storage, collection, dimension)) {
        try {
          st.execute(ddl);
        } catch (SQLException e) {
          if (!ddl.contains(" INDEX ")) {
            throw e;
          }
          // an index is an optimisation: an older pgvector without HNSW still searches exactly
          LOG.warn("vector collection '{}': index not created ({}); searches scan the table", collection,
              e.getMessage());
        }
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + CATALOG + " (name, dimension, storage)"
          + " VALUES (?, ?, ?)")) {
        ps.setString(1, collection);
        ps.setInt(2, dimension);
        ps.setString(3, storage.name());
        ps.executeUpdate();
      } catch (SQLException e) {
        // another writer registered it first: use what it registered
        catalog.remove(collection);
        Info raced = info(c, collection);
        if (raced == null) {
          throw e;
        }
        return raced;
      }
    } finally {
      c.setAutoCommit(auto);
    }
    Info created = new Info(dimension, storage);
    catalog.put(collection, created);
    return created;
  }

  @Override
  public void upsert(String collection, List<VectorDocument> documents) throws VectorStoreException {
    VectorStore.checkCollection(collection);
    for (VectorDocument doc : documents) {
      Vectors.checkVector(collection, "document '" + doc.id() + "'", doc.vector());
      if (doc.id().length() > 512) {
        throw new VectorStoreException("document id '" + doc.id().substring(0, 40) + "…' is longer than 512"
            + " characters");
      }
    }
    if (documents.isEmpty()) {
      return;
    }
    Dialect d = init();
    try (Connection c = dataSource.getConnection()) {
      Info info = ensure(c, d, collection, documents.get(0).vector().length);
      for (VectorDocument doc : documents) {
        if (doc.vector().length != info.dimension()) {
          throw Vectors.dimensionMismatch(collection, "document '" + doc.id() + "'", info.dimension(),
              doc.vector().length);
        }
      }
      c.setAutoCommit(false);
      try {
        if (d == Dialect.OTHER && info.storage() == Storage.PORTABLE) {
          deleteIds(c, collection, documents.stream().map(VectorDocument::id).toList());
        }
        try (PreparedStatement ps = c.prepareStatement(upsertSql(d, info.storage(), collection))) {
          for (VectorDocument doc : documents) {
            ps.setString(1, doc.id());
            ps.setString(2, doc.text());
            ps.setString(3, json(doc.metadata()));
            if (info.storage() == Storage.PGVECTOR) {
              ps.setString(4, Vectors.toPgVector(doc.vector()));
            } else {
              ps.setBytes(4, Vectors.toBytes(doc.vector()));
            }
            ps.addBatch();
          }
          ps.executeBatch();
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      catalog.remove(collection); // it may have been dropped by another process
      throw failure("store " + documents.size() + " documents in", collection, e);
    }
  }

  @Override
  public List<ScoredDocument> search(String collection, float[] query, int topK, Map<String, Object> filter,
      double minScore) throws VectorStoreException {
    Vectors.checkSearch(collection, query, topK, minScore);
    Map<String, Object> where = filter == null ? Map.of() : filter;
    init();
    try (Connection c = dataSource.getConnection()) {
      Info info = info(c, collection);
      if (info == null) {
        return List.of();
      }
      if (query.length != info.dimension()) {
        throw Vectors.dimensionMismatch(collection, "the query vector", info.dimension(), query.length);
      }
      return info.storage() == Storage.PGVECTOR
          ? searchPgvector(c, collection, query, topK, where, minScore)
          : searchPortable(c, collection, query, topK, where, minScore);
    } catch (SQLException e) {
      throw failure("search", collection, e);
    }
  }

  private List<ScoredDocument> searchPgvector(Connection c, String collection, float[] query, int topK,
      Map<String, Object> filter, double minScore) throws SQLException, VectorStoreException {
    String q = Vectors.toPgVector(query);
    List<ScoredDocument> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(pgvectorSearchSql(collection))) {
      ps.setString(1, q);
      ps.setString(2, json(filter));
      ps.setString(3, q);
      ps.setDouble(4, minScore);
      ps.setString(5, q);
      ps.setInt(6, topK);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new ScoredDocument(new VectorDocument(rs.getString(1), rs.getString(2), parse(rs.getString(3)),
              null), rs.getDouble(4)));
        }
      }
    }
    return out;
  }

  private List<ScoredDocument> searchPortable(Connection c, String collection, float[] query, int topK,
      Map<String, Object> filter, double minScore) throws SQLException, VectorStoreException {
    Vectors.TopK<Void> top = new Vectors.TopK<>(topK);
    double queryNorm = Vectors.norm(query);
    boolean filtered = !filter.isEmpty();
    String t = table(collection);
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
    try (PreparedStatement ps = c.prepareStatement("SELECT id, vector" + (filtered ? ", metadata" : "")
        + " FROM " + t)) {
      ps.setFetchSize(500);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String id = rs.getString(1);
          float[] v = Vectors.fromBytes(rs.getBytes(2));
          // cosine(v, query): the query's norm is the fixed one
          double score = Vectors.cosine(v, query, queryNorm);
          if (score >= minScore && top.accepts(id, score)
              && (!filtered || Vectors.matches(parse(rs.getString(3)), filter))) {
            top.offer(id, score, null);
          }
        }
      }
      c.commit();
    } finally {
      c.setAutoCommit(auto);
    }
    List<Vectors.TopK.Entry<Void>> best = top.best();
    Map<String, VectorDocument> docs = new LinkedHashMap<>();
    for (VectorDocument d : read(c, collection, best.stream().map(Vectors.TopK.Entry::id).toList(), false)) {
      docs.put(d.id(), d);
    }
    List<ScoredDocument> out = new ArrayList<>();
    for (Vectors.TopK.Entry<Void> e : best) {
      VectorDocument d = docs.get(e.id());
      if (d != null) { // deleted between the two reads
        out.add(new ScoredDocument(d, e.score()));
      }
    }
    return out;
  }

  @Override
  public List<VectorDocument> get(String collection, Collection<String> ids) throws VectorStoreException {
    VectorStore.checkCollection(collection);
    init();
    try (Connection c = dataSource.getConnection()) {
      if (info(c, collection) == null) {
        return List.of();
      }
      Map<String, VectorDocument> found = new LinkedHashMap<>();
      for (VectorDocument d : read(c, collection, List.copyOf(new LinkedHashSet<>(ids)), true)) {
        found.put(d.id(), d);
      }
      List<VectorDocument> out = new ArrayList<>();
      for (String id : ids) {
        VectorDocument d = found.get(id);
        if (d != null) {
          out.add(d);
        }
      }
      return out;
    } catch (SQLException e) {
      throw failure("read documents of", collection, e);
    }
  }

  private List<VectorDocument> read(Connection c, String collection, List<String> ids, boolean withVector)
      throws SQLException, VectorStoreException {
    Info info = info(c, collection);
    boolean pg = info.storage() == Storage.PGVECTOR;
    String vectorColumn = !withVector ? "" : pg ? ", embedding::text" : ", vector";
    List<VectorDocument> out = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += IN_CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
      String sql = "SELECT id, text, metadata" + (pg ? "::text" : "") + vectorColumn + " FROM " + table(collection)
          + " WHERE id IN (" + "?,".repeat(chunk.size() - 1) + "?)";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(i + 1, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            float[] v = !withVector ? null : pg ? Vectors.fromPgVector(rs.getString(4))
                : Vectors.fromBytes(rs.getBytes(4));
            out.add(new VectorDocument(rs.getString(1), rs.getString(2), parse(rs.getString(3)), v));
          }
        }
      }
    }
    return out;
  }

  @Override
  public int delete(String collection, Collection<String> ids) throws VectorStoreException {
    VectorStore.checkCollection(collection);
    init();
    try (Connection c = dataSource.getConnection()) {
      if (info(c, collection) == null || ids.isEmpty()) {
        return 0;
      }
      return deleteIds(c, collection, List.copyOf(new LinkedHashSet<>(ids)));
    } catch (SQLException e) {
      throw failure("delete documents of", collection, e);
    }
  }

  private static int deleteIds(Connection c, String collection, List<String> ids) throws SQLException {
    int deleted = 0;
    for (int from = 0; from < ids.size(); from += IN_CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table(collection) + " WHERE id IN ("
          + "?,".repeat(chunk.size() - 1) + "?)")) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(i + 1, chunk.get(i));
        }
        deleted += ps.executeUpdate();
      }
    }
    return deleted;
  }

  @Override
  public long count(String collection) throws VectorStoreException {
    VectorStore.checkCollection(collection);
    init();
    try (Connection c = dataSource.getConnection()) {
      if (info(c, collection) == null) {
        return 0;
      }
      try (Statement st = c.createStatement();
           ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table(collection))) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw failure("count the documents of", collection, e);
    }
  }

  @Override
  public boolean dropCollection(String collection) throws VectorStoreException {
    VectorStore.checkCollection(collection);
    init();
    catalog.remove(collection);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      try (Statement st = c.createStatement()) {
        st.execute("DROP TABLE IF EXISTS " + table(collection));
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + CATALOG + " WHERE name = ?")) {
        ps.setString(1, collection);
        return ps.executeUpdate() > 0;
      }
    } catch (SQLException e) {
      throw failure("drop", collection, e);
    } finally {
      catalog.remove(collection);
    }
  }

  private static VectorStoreException failure(String what, String collection, SQLException e) {
    return new VectorStoreException("vector store: could not " + what + " collection '" + collection + "': "
        + e.getMessage(), e);
  }

  private static String json(Map<String, Object> metadata) throws VectorStoreException {
    try {
      return JSON.writeValueAsString(metadata);
    } catch (JsonProcessingException e) {
      throw new VectorStoreException("metadata cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static Map<String, Object> parse(String json) throws VectorStoreException {
    try {
      return json == null || json.isEmpty() ? Map.of() : JSON.readValue(json, MAP);
    } catch (JsonProcessingException e) {
      throw new VectorStoreException("stored metadata is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }
}
