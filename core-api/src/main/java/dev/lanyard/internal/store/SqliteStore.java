package dev.lanyard.internal.store;

import dev.lanyard.NetworkException;
import dev.lanyard.UnavailableException;
import dev.lanyard.spi.Store;
import dev.lanyard.spi.StoreChange;
import dev.lanyard.spi.StoreTransaction;
import dev.lanyard.spi.StoredObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The local store: one SQLite database ({@code lanyard.db}) in WAL mode under the state directory. Writes
 * are {@code BEGIN IMMEDIATE} transactions, so writers of every process are serialised by SQLite's lock
 * while readers go on; a busy database is waited for up to {@link #BUSY_TIMEOUT_MS}. One connection does
 * all the work (calls are serialised on it), so its {@code PRAGMA data_version} changes exactly when
 * another connection committed.
 */
final class SqliteStore implements Store {
  static final int SCHEMA_VERSION = 1;
  static final int BUSY_TIMEOUT_MS = 30_000;
  /** Change-log entries kept at open; older ones are trimmed (readers that far behind reload everything). */
  static final int CHANGES_KEPT = 20_000;

  private final String origin = UUID.randomUUID().toString();
  private final Path file;
  private final Connection work;
  private final PreparedStatement getObject;
  private final PreparedStatement listObjects;
  private final PreparedStatement putObject;
  private final PreparedStatement deleteObject;
  private final PreparedStatement appendChange;
  private final PreparedStatement changesSince;
  private final PreparedStatement lastSequence;
  private final PreparedStatement dataVersion;
  private final PreparedStatement beginImmediate;
  private final PreparedStatement beginDeferred;
  private final PreparedStatement commit;
  private final PreparedStatement rollback;
  private long lastDataVersion = -1;

  SqliteStore(Path stateDirectory) {
    this.file = stateDirectory.resolve("lanyard.db");
    try {
      this.work = connect(file);
      createSchema();
      getObject = work.prepareStatement("SELECT document FROM objects WHERE kind = ? AND id = ?");
      listObjects = work.prepareStatement("SELECT id, document FROM objects WHERE kind = ?");
      putObject = work.prepareStatement("INSERT OR REPLACE INTO objects(kind, id, document) VALUES (?, ?, ?)");
      deleteObject = work.prepareStatement("DELETE FROM objects WHERE kind = ? AND id = ?");
      appendChange = work.prepareStatement("INSERT INTO changes(origin, kind, id, event) VALUES (?, ?, ?, ?)");
      changesSince = work.prepareStatement("SELECT seq, origin, kind, id, event FROM changes WHERE seq > ? ORDER BY seq");
      lastSequence = work.prepareStatement("SELECT seq FROM sqlite_sequence WHERE name = 'changes'");
      dataVersion = work.prepareStatement("PRAGMA data_version");
      beginImmediate = work.prepareStatement("BEGIN IMMEDIATE");
      beginDeferred = work.prepareStatement("BEGIN");
      commit = work.prepareStatement("COMMIT");
      rollback = work.prepareStatement("ROLLBACK");
    } catch (SQLException e) {
      throw new UnavailableException("cannot open store " + file + ": " + e.getMessage(), e);
    }
  }

  private static Connection connect(Path file) throws SQLException {
    java.util.Properties properties = new java.util.Properties();
    // no generated keys: the driver would run SELECT last_insert_rowid() after every insert
    properties.setProperty("jdbc.get_generated_keys", "false");
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, properties);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
      s.execute("PRAGMA journal_mode = WAL");
      // WAL + NORMAL: a commit survives the process being killed (not a power cut), at no fsync per commit.
      s.execute("PRAGMA synchronous = NORMAL");
      s.execute("PRAGMA foreign_keys = OFF");
    }
    return c;
  }

  private void createSchema() throws SQLException {
    try (Statement s = work.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
      try {
        s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS objects (kind TEXT NOT NULL, id TEXT NOT NULL, document TEXT NOT NULL,"
            + " PRIMARY KEY (kind, id)) WITHOUT ROWID");
        s.execute("CREATE TABLE IF NOT EXISTS changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, origin TEXT NOT NULL,"
            + " kind TEXT NOT NULL, id TEXT NOT NULL, event TEXT)");
        int version;
        try (ResultSet rs = s.executeQuery("SELECT max(version) FROM schema_version")) {
          version = rs.next() ? rs.getInt(1) : 0;
        }
        if (version == 0) {
          s.execute("INSERT INTO schema_version(version) VALUES (" + SCHEMA_VERSION + ")");
        } else if (version > SCHEMA_VERSION) {
          throw new UnavailableException("store " + file + " has schema version " + version
              + ", newer than this Lanyard's " + SCHEMA_VERSION);
        }
        s.execute("DELETE FROM changes WHERE seq <= (SELECT max(seq) FROM changes) - " + CHANGES_KEPT);
        s.execute("COMMIT");
      } catch (SQLException | RuntimeException e) {
        s.execute("ROLLBACK");
        throw e;
      }
    }
  }

  @Override
  public String origin() {
    return origin;
  }

  @Override
  public <T> T write(Function<StoreTransaction, T> work) {
    return transaction(true, work);
  }

  @Override
  public <T> T read(Function<StoreTransaction, T> work) {
    return transaction(false, work);
  }

  private synchronized <T> T transaction(boolean writable, Function<StoreTransaction, T> body) {
    try {
      (writable ? beginImmediate : beginDeferred).execute();
      T result;
      try {
        result = body.apply(new Tx(writable));
      } catch (RuntimeException | Error e) {
        rollback.execute();
        throw e;
      }
      commit.execute();
      return result;
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private NetworkException failure(SQLException e) {
    String message = "store " + file + ": " + e.getMessage();
    if (e.getErrorCode() == 5 || e.getErrorCode() == 6) { // SQLITE_BUSY, SQLITE_LOCKED
      return new UnavailableException(message, e);
    }
    return new NetworkException(message, e);
  }

  @Override
  public synchronized boolean changedByOthers() {
    try (ResultSet rs = dataVersion.executeQuery()) {
      long version = rs.getLong(1);
      boolean changed = version != lastDataVersion;
      lastDataVersion = version;
      return changed;
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      work.close();
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** Statements run on the caller's thread while it holds the store's monitor. */
  private final class Tx implements StoreTransaction {
    private final boolean writable;

    Tx(boolean writable) {
      this.writable = writable;
    }

    @Override
    public Optional<StoredObject> get(String kind, String id) {
      try {
        getObject.setString(1, kind);
        getObject.setString(2, id);
        try (ResultSet rs = getObject.executeQuery()) {
          return rs.next() ? Optional.of(new StoredObject(kind, id, rs.getString(1))) : Optional.empty();
        }
      } catch (SQLException e) {
        throw failure(e);
      }
    }

    @Override
    public List<StoredObject> list(String kind) {
      try {
        listObjects.setString(1, kind);
        List<StoredObject> out = new ArrayList<>();
        try (ResultSet rs = listObjects.executeQuery()) {
          while (rs.next()) {
            out.add(new StoredObject(kind, rs.getString(1), rs.getString(2)));
          }
        }
        return out;
      } catch (SQLException e) {
        throw failure(e);
      }
    }

    @Override
    public void put(StoredObject object) {
      requireWritable();
      try {
        putObject.setString(1, object.kind());
        putObject.setString(2, object.id());
        putObject.setString(3, object.document());
        putObject.executeUpdate();
        change(object.kind(), object.id(), null);
      } catch (SQLException e) {
        throw failure(e);
      }
    }

    @Override
    public void delete(String kind, String id) {
      requireWritable();
      try {
        deleteObject.setString(1, kind);
        deleteObject.setString(2, id);
        if (deleteObject.executeUpdate() > 0) {
          change(kind, id, null);
        }
      } catch (SQLException e) {
        throw failure(e);
      }
    }

    @Override
    public void publish(String event) {
      requireWritable();
      try {
        change(StoreChange.EVENT, "", event);
      } catch (SQLException e) {
        throw failure(e);
      }
    }

    private void change(String kind, String id, String event) throws SQLException {
      appendChange.setString(1, origin);
      appendChange.setString(2, kind);
      appendChange.setString(3, id);
      appendChange.setString(4, event);
      appendChange.executeUpdate();
    }

    @Override
    public List<StoreChange> changesSince(long sequence) {
      try {
        changesSince.setLong(1, sequence);
        List<StoreChange> out = new ArrayList<>();
        try (ResultSet rs = changesSince.executeQuery()) {
          while (rs.next()) {
            out.add(new StoreChange(
                rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), Optional.ofNullable(rs.getString(5))));
          }
        }
        return out;
      } catch (SQLException e) {
        throw failure(e);
      }
    }

    @Override
    public long lastSequence() {
      try (ResultSet rs = lastSequence.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      } catch (SQLException e) {
        throw failure(e);
      }
    }

    private void requireWritable() {
      if (!writable) {
        throw new IllegalStateException("write in a read-only store transaction");
      }
    }
  }
}
