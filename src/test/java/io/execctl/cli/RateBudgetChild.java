package io.execctl.cli;

import io.execctl.config.Config;
import io.execctl.config.Need;
import io.execctl.kis.KisMetrics;
import io.execctl.store.Db;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The second execctl process of {@link SharedRateBudgetTwoProcessTest}, run in its own JVM: wires a
 * client from configuration alone (as a cron command would), says "ready", waits for "go" on stdin,
 * sends {@code n} inquiries and exits after the audit is flushed.
 *
 * <p>Arguments: {@code dbUrl dbUser dbPassword n KEY=VALUE...} (the configuration).
 */
public final class RateBudgetChild {
    private RateBudgetChild() {}

    public static void main(String[] args) throws Exception {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(args[0]);
        ds.setUser(args[1]);
        if (!args[2].isEmpty()) {
            ds.setPassword(args[2]);
        }
        int n = Integer.parseInt(args[3]);
        Map<String, String> env = new HashMap<>();
        for (int i = 4; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            env.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        Config config = Config.fromEnvironment(env).require(Need.KIS);
        try (KisRuntime kis =
                KisWiring.open(KisWiring.settings(config), config.infra(), Db.create(ds), KisMetrics.NOOP)) {
            kis.client().tokens().accessToken();
            System.out.println("ready");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            if (!"go".equals(in.readLine())) {
                System.exit(3);
            }
            SharedRateBudgetTwoProcessTest.callsInParallel(kis, n);
        }
        System.out.println("done");
        System.out.flush();
    }
}
