package org.conduit.support;

import org.conduit.common.db.LocalDatabase;

/**
 * The tests' PostgreSQL for a script that runs the packaged service (scripts/database.sh): prints
 * the server's URL, then keeps it running until this process is stopped. Its data is temporary.
 */
public final class LocalDatabaseMain {

  private LocalDatabaseMain() {}

  public static void main(String... args) throws InterruptedException {
    System.out.println(LocalDatabase.url());
    System.out.flush();
    Thread.currentThread().join();
  }
}
