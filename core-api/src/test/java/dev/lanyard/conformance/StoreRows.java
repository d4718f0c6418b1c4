package dev.lanyard.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Direct edits of a closed controller's store, to make the states a daemon can be left in and the API cannot
 * make, e.g. a stale endpoint: the container's record gone, its endpoint still on the network.
 */
public final class StoreRows {
  private StoreRows() {}

  /** Deletes the container's row and nothing else (its endpoints stay, as stale endpoints). */
  public static void forgetContainer(Path stateDirectory, String containerId) {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + stateDirectory.resolve("lanyard.db"));
        PreparedStatement del = db.prepareStatement("DELETE FROM objects WHERE kind = 'container' AND id = ?")) {
      del.setString(1, containerId);
      assertThat(del.executeUpdate()).as("container rows deleted").isEqualTo(1);
    } catch (SQLException e) {
      throw new AssertionError("cannot edit the store in " + stateDirectory, e);
    }
  }
}
