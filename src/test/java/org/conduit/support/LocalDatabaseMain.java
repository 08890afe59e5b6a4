package org.conduit.support;

import org.conduit.common.db.LocalDatabase;

/**
 * The tests' PostgreSQL for a script that runs the packaged service (scripts/database.sh): prints
 * the server's URL, then keeps it running until this process is stopped or the script that started
 * it ends, however it ends. Its data is temporary.
 */
public final class LocalDatabaseMain {

  private LocalDatabaseMain() {}

  public static void main(String... args) {
    System.out.println(LocalDatabase.url());
    System.out.flush();
    ProcessHandle.current().parent().ifPresent(script -> script.onExit().join());
    System.exit(0); // the shutdown hooks stop the server and remove its data
  }
}
