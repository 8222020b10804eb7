package io.execctl.testing;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extension itself: it hands out a migrated database, and a test that leaks a handle or a
 * connection fails (run here through the JUnit launcher, as surefire would run it).
 */
class DatabaseExtensionTest {

    @RegisterExtension
    static final DatabaseExtension DB = DatabaseExtension.migrated();

    @Test
    void handsOutAMigratedDatabaseWithBothSchemas() {
        long tables = DB.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM information_schema.tables"
                        + " WHERE table_schema = 'trade' AND table_name IN ('orders', 'fills', 'order_intents')")
                .mapTo(Long.class)
                .one());
        assertThat(tables).isEqualTo(3);
    }

    @Test
    void aTestThatLeavesAHandleOpenFailsAndItsNeighbourDoesNot() {
        TestExecutionSummary s = run(LeaksAHandle.class);
        assertThat(s.getTestsSucceededCount()).isEqualTo(1);
        assertThat(s.getFailures()).hasSize(1);
        TestExecutionSummary.Failure f = s.getFailures().get(0);
        assertThat(f.getTestIdentifier().getDisplayName()).startsWith("leaks");
        assertThat(f.getException())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("1 connection(s)")
                .hasMessageContaining("left open");
        // Where the leaked connection was opened is attached, so the fix is one click away.
        assertThat(List.of(f.getException().getSuppressed())).isNotEmpty();
    }

    @Test
    void aConnectionOpenedAroundTheExtensionIsCaughtByTheServerCount() {
        TestExecutionSummary s = run(LeaksARawConnection.class);
        assertThat(s.getFailures()).hasSize(1);
        assertThat(s.getFailures().get(0).getException())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("session(s)");
        LeaksARawConnection.closeLeaked();
    }

    @Test
    void aPerMethodDatabaseIsCreatedForEachTestAndDropped() {
        TestExecutionSummary s = run(PerMethod.class);
        assertThat(s.getTestsSucceededCount()).isEqualTo(2);
        assertThat(PerMethod.NAMES).hasSize(2);
        List<String> names = List.copyOf(PerMethod.NAMES);
        assertThat(names.get(0)).isNotEqualTo(names.get(1));
        long left = DB.jdbi()
                .withHandle(h -> h.createQuery("SELECT count(*) FROM pg_database WHERE datname IN (<names>)")
                        .bindList("names", names)
                        .mapTo(Long.class)
                        .one());
        assertThat(left).isZero();
    }

    private static TestExecutionSummary run(Class<?> testClass) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(testClass))
                .filters(EngineFilter.includeEngines("junit-jupiter"))
                .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, listener);
        return listener.getSummary();
    }

    /** Not run by surefire (a nested class): one test leaks a handle, the other is clean. */
    static class LeaksAHandle {
        @RegisterExtension
        static final DatabaseExtension DB = DatabaseExtension.empty();

        @Test
        void leaks() {
            Handle h = DB.jdbi().open();
            h.execute("SELECT 1");
        }

        @Test
        void closes() {
            DB.jdbi().useHandle(h -> h.execute("SELECT 1"));
        }
    }

    /** Opens a JDBC connection straight from {@link TestDatabase}, bypassing the tracked data source. */
    static class LeaksARawConnection {
        static final AtomicReference<Connection> LEAKED = new AtomicReference<>();

        @RegisterExtension
        static final DatabaseExtension DB = DatabaseExtension.empty();

        @Test
        void leaks() throws Exception {
            LEAKED.set(DB.database().connect());
        }

        static void closeLeaked() {
            try {
                Connection c = LEAKED.getAndSet(null);
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // the database is gone already
            }
        }
    }

    static class PerMethod {
        static final List<String> NAMES = new CopyOnWriteArrayList<>();

        @RegisterExtension
        final DatabaseExtension db = DatabaseExtension.empty();

        @Test
        void first() {
            NAMES.add(db.database().name());
        }

        @Test
        void second() {
            NAMES.add(db.database().name());
        }
    }
}
