package io.shopup.coupons.testsupport;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts the embedded PostgreSQL once for the integration tests, and makes their JWT key pair,
 * before Arquillian starts Payara Micro. Only failsafe sets {@code coupons.test.db.port}, so unit test runs start no database.
 */
public class EmbeddedDatabaseSession implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String port = System.getProperty("coupons.test.db.port");
        if (port != null && !port.isBlank()) {
            TestCredentials.prepare();
            TestDatabase.start(Integer.parseInt(port));
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        TestDatabase.stop();
    }
}
