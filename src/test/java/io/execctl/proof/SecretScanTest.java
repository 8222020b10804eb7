package io.execctl.proof;

import io.execctl.sim.SimOptions;
import io.execctl.sim.Simulator;
import io.execctl.sim.http.TokenRegistry;
import io.execctl.testing.DatabaseExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The secrets-in-logs check of the chaos day (issue 17) catches what it is for: secrets the simulator
 * really issued, read back through {@code GET /sim/credentials}, planted in a run directory's log files
 * and in the audit, are each named by file and line (and never quoted); a clean run passes; a number that
 * merely contains the account's digits is no finding.
 */
class SecretScanTest {
    @RegisterExtension
    static final DatabaseExtension DB = DatabaseExtension.migrated();

    static Simulator sim;
    static SimCredentials credentials;
    static String token;
    static String approvalKey;

    @TempDir
    Path run;

    Jdbi jdbi;

    @BeforeAll
    static void issueCredentials() {
        sim = Simulator.start(SimOptions.defaults().withSpeed(0).withRateLimit(0.0));
        TokenRegistry.Issue issue = sim.tokens().issue(SimOptions.DEMO_APP_KEY, SimOptions.DEMO_APP_SECRET);
        token = ((TokenRegistry.Issue.Granted) issue).token().value();
        approvalKey = sim.tokens()
                .approval(SimOptions.DEMO_APP_KEY, SimOptions.DEMO_APP_SECRET)
                .key();
        credentials = SimCredentials.read(sim.adminUrl());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void emptyAudit() {
        jdbi = DB.jdbi();
        jdbi.useHandle(h -> h.execute("TRUNCATE trade.broker_messages"));
    }

    @Test
    void theSimulatorTellsWhatItIssued() {
        assertThat(credentials.appKey()).isEqualTo(SimOptions.DEMO_APP_KEY);
        assertThat(credentials.appSecret()).isEqualTo(SimOptions.DEMO_APP_SECRET);
        assertThat(credentials.account()).isEqualTo(SimOptions.DEMO_ACCOUNT);
        assertThat(credentials.accessTokens()).containsExactly(token);
        assertThat(credentials.approvalKeys()).containsExactly(approvalKey);
        assertThat(credentials.toString()).doesNotContain(token).doesNotContain(SimOptions.DEMO_APP_KEY);
    }

    @Test
    void aCleanRunPasses() throws Exception {
        write(
                "daemon-a.1.log",
                "INFO order 20261202-0050000001-70087b3912 accepted (ODNO 0050000001)",
                "INFO token issued for DEMO…, expires 2026-12-03T09:00:00Z",
                "INFO account 5000****-01");
        write("chaos.out", "chaos: faults on");
        audit("{\"CANO\":\"50000001\",\"ACNT_PRDT_CD\":\"01\",\"PDNO\":\"005930\"}");
        assertThat(SecretScan.check(run, credentials, jdbi)).isEmpty();
    }

    @Test
    void aPlantedSecretIsFoundByFileAndLineAndNeverQuoted() throws Exception {
        write("daemon-a.1.log", "INFO starting", "DEBUG Authorization: Bearer " + token, "INFO running");
        write("sync-fills.4.log", "WARN tokenP answered {\"access_token\":\"" + token.substring(0, 60) + "…\"}");
        write("daemon-b.2.out", "standby", "subscribing with approval_key " + approvalKey);
        write("sync-holdings.3.log", "x", "y", "GET balance CANO=50000001&ACNT_PRDT_CD=01");
        write("data/rate/whatever.txt", "account 50000001-01");
        write("chaos.out", "appkey=" + SimOptions.DEMO_APP_KEY + " appsecret=" + SimOptions.DEMO_APP_SECRET);
        write("pg/postgres.log", "DETAIL:  Key (account)=(5000000101) already exists.");
        write("pg/base/1/1234", token); // the cluster's data files (the token cache table) are not logs

        List<Violation> found = SecretScan.check(run, credentials, jdbi);

        assertThat(found)
                .extracting(Violation::detail)
                .containsExactlyInAnyOrder(
                        "daemon-a.1.log:2: access token 1",
                        "daemon-a.1.log:2: access token 1 (first 16 characters of its signature)",
                        "daemon-a.1.log:2: access token 1 (last 16 characters)",
                        "sync-fills.4.log:1: access token 1 (first 16 characters of its signature)",
                        "daemon-b.2.out:2: approval key 1",
                        "sync-holdings.3.log:3: account number (CANO)",
                        "data/rate/whatever.txt:1: account number (CANO-ACNT_PRDT_CD)",
                        "data/rate/whatever.txt:1: account number (CANO)",
                        "chaos.out:1: app key",
                        "chaos.out:1: app secret",
                        "pg/postgres.log:1: account number (CANO+ACNT_PRDT_CD)");
        assertThat(found).allSatisfy(v -> {
            assertThat(v.rule()).isEqualTo(Violation.Rule.SECRET_IN_LOG);
            assertThat(v.toString()).doesNotContain(token.substring(40, 56)).doesNotContain(approvalKey);
        });
    }

    @Test
    void theAuditIsCheckedForCredentialsButMayHoldTheAccount() throws Exception {
        long clean = audit("{\"CANO\":\"50000001\",\"ACNT_PRDT_CD\":\"01\"}");
        long leak = audit("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\"}");

        List<Violation> found = SecretScan.check(run, credentials, jdbi);

        assertThat(found)
                .extracting(Violation::detail)
                .allSatisfy(d -> assertThat(d)
                        .startsWith("trade.broker_messages id " + leak + " (REST /oauth2/tokenP):1: access token 1"))
                .hasSize(3)
                .noneMatch(d -> d.contains("id " + clean + " "));
    }

    private void write(String file, String... lines) throws Exception {
        Path p = run.resolve(file);
        Files.createDirectories(p.getParent());
        Files.write(p, List.of(lines), StandardCharsets.UTF_8);
    }

    private long audit(String payload) {
        return jdbi.withHandle(h -> h.createQuery("INSERT INTO trade.broker_messages (received_ts, channel, endpoint,"
                        + " payload, parse_outcome) VALUES (:ts, 'REST', :endpoint, :payload, 'OK') RETURNING id")
                .bind("ts", Instant.now())
                .bind("endpoint", payload.contains("access_token") ? "/oauth2/tokenP" : "/uapi/order-cash")
                .bind("payload", payload)
                .mapTo(Long.class)
                .one());
    }
}
