package io.execctl.proof;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/**
 * Secrets in logs (issue 17): greps a chaos run's log files and the audit for what the simulator
 * handed out — the app key and secret, every access token and approval key, the account number — and
 * names each place found as {@code file:line}. It never prints a secret, only its name: a report that
 * quoted the leak would leak it again.
 *
 * <p>The audit ({@code trade.broker_messages}) is checked for the credentials only: it holds the order
 * bodies verbatim, and they carry {@code CANO} by design (docs/kis-client.md "Audit"); the logs must not
 * hold the account either.
 */
public final class SecretScan {
    /** Findings kept at most (a secret logged on every request would otherwise fill the heap). */
    static final int MAX_FINDINGS = 10_000;

    private SecretScan() {}

    /**
     * One thing that must not be found. {@code digits}: a number, found only where it is not part of a
     * longer number (an account number inside an order number is no leak).
     */
    public record Secret(String name, String value, boolean digits) {
        public Secret {
            Objects.requireNonNull(name, "name");
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("secret " + name + " without a value");
            }
        }

        @Override
        public String toString() {
            return name; // never the value
        }
    }

    /** A secret found: where ({@code file} or an audit row), the 1-based line, which secret. */
    public record Finding(String where, long line, String secret) {
        @Override
        public String toString() {
            return where + ":" + line + ": " + secret;
        }
    }

    /**
     * What no log may hold: app key, app secret, each access token (whole, and the first and last 16
     * characters of its signature, so a truncated token is found too), each approval key, and the
     * account as {@code CANO-ACNT_PRDT_CD}, as the two run together and as {@code CANO} alone.
     */
    public static List<Secret> logSecrets(SimCredentials c) {
        List<Secret> out = new ArrayList<>(credentialSecrets(c));
        String account = c.account();
        String cano;
        String product;
        int dash = account.indexOf('-');
        if (dash > 0) {
            cano = account.substring(0, dash);
            product = account.substring(dash + 1);
        } else {
            cano = account.length() > 8 ? account.substring(0, 8) : account;
            product = account.length() > 8 ? account.substring(8) : "";
        }
        if (!product.isEmpty()) {
            out.add(new Secret("account number (CANO-ACNT_PRDT_CD)", cano + "-" + product, true));
            out.add(new Secret("account number (CANO+ACNT_PRDT_CD)", cano + product, true));
        }
        out.add(new Secret("account number (CANO)", cano, true));
        return out;
    }

    /** What the audit may not hold: the credentials (not the account, which order bodies carry). */
    public static List<Secret> credentialSecrets(SimCredentials c) {
        List<Secret> out = new ArrayList<>();
        out.add(new Secret("app key", c.appKey(), false));
        out.add(new Secret("app secret", c.appSecret(), false));
        for (int i = 0; i < c.accessTokens().size(); i++) {
            String token = c.accessTokens().get(i);
            String name = "access token " + (i + 1);
            out.add(new Secret(name, token, false));
            String signature = token.substring(token.lastIndexOf('.') + 1);
            if (signature.length() >= 48) {
                out.add(new Secret(
                        name + " (first 16 characters of its signature)", signature.substring(0, 16), false));
                out.add(new Secret(
                        name + " (last 16 characters)", signature.substring(signature.length() - 16), false));
            }
        }
        for (int i = 0; i < c.approvalKeys().size(); i++) {
            out.add(new Secret("approval key " + (i + 1), c.approvalKeys().get(i), false));
        }
        return out;
    }

    /**
     * The log files of a run directory: every regular file under it except the embedded cluster's data
     * ({@code pg/}, whose server log {@code pg/postgres.log} is included) and the report (written after).
     */
    public static List<Path> logFiles(Path runDir) {
        Path pg = runDir.resolve("pg");
        try (Stream<Path> files = Files.walk(runDir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.startsWith(pg) || p.equals(pg.resolve("postgres.log")))
                    .filter(p -> !p.equals(runDir.resolve("report.txt")))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + runDir, e);
        }
    }

    /** Each file line by line ({@code where} is the path relative to {@code base}). */
    public static List<Finding> scanFiles(Path base, List<Path> files, List<Secret> secrets) {
        List<Finding> out = new ArrayList<>();
        for (Path f : files) {
            String where = base.relativize(f).toString();
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(Files.newInputStream(f), StandardCharsets.UTF_8))) {
                long n = 0;
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    n++;
                    scanLine(where, n, line, secrets, out);
                }
            } catch (NoSuchFileException e) {
                // gone meanwhile (a rotated file): nothing to read
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f, e);
            }
        }
        return out;
    }

    /** A text (e.g. captured stdout) line by line. */
    public static List<Finding> scanText(String where, String text, List<Secret> secrets) {
        List<Finding> out = new ArrayList<>();
        long n = 0;
        for (String line : text.split("\\R", -1)) {
            scanLine(where, ++n, line, secrets, out);
        }
        return out;
    }

    /** The audit: every {@code trade.broker_messages} payload and error, named by row id. */
    public static List<Finding> scanAudit(Jdbi jdbi, List<Secret> secrets) {
        List<Finding> out = new ArrayList<>();
        jdbi.useHandle(h -> h.createQuery("SELECT id, channel, coalesce(endpoint, tr_id, '') AS what, payload,"
                        + " coalesce(error, '') AS error FROM trade.broker_messages ORDER BY id")
                .setFetchSize(500)
                .map((rs, ctx) -> {
                    String where = "trade.broker_messages id " + rs.getLong("id") + " (" + rs.getString("channel") + " "
                            + rs.getString("what") + ")";
                    List<Finding> found =
                            scanText(where, rs.getString("payload") + "\n" + rs.getString("error"), secrets);
                    if (out.size() < MAX_FINDINGS) {
                        out.addAll(found);
                    }
                    return 0;
                })
                .forEach(x -> {}));
        return out;
    }

    /**
     * The whole check of a chaos run: every log file under {@code runDir} for {@link #logSecrets}, and
     * the audit (when {@code audit} is not null) for {@link #credentialSecrets}.
     */
    public static List<Violation> check(Path runDir, SimCredentials credentials, Jdbi audit) {
        List<Finding> found = new ArrayList<>(scanFiles(runDir, logFiles(runDir), logSecrets(credentials)));
        if (audit != null) {
            found.addAll(scanAudit(audit, credentialSecrets(credentials)));
        }
        return violations(found);
    }

    /** The findings as violations of {@link Violation.Rule#SECRET_IN_LOG}, one per place. */
    public static List<Violation> violations(List<Finding> findings) {
        return findings.stream()
                .map(f -> new Violation(Violation.Rule.SECRET_IN_LOG, f.toString(), List.of()))
                .toList();
    }

    private static void scanLine(String where, long n, String line, List<Secret> secrets, List<Finding> out) {
        for (Secret s : secrets) {
            if (out.size() >= MAX_FINDINGS) {
                return;
            }
            if (contains(line, s)) {
                out.add(new Finding(where, n, s.name()));
            }
        }
    }

    static boolean contains(String line, Secret s) {
        String v = s.value();
        for (int i = line.indexOf(v); i >= 0; i = line.indexOf(v, i + 1)) {
            if (!s.digits()) {
                return true;
            }
            boolean digitBefore = i > 0 && Character.isDigit(line.charAt(i - 1));
            int end = i + v.length();
            boolean digitAfter = end < line.length() && Character.isDigit(line.charAt(end));
            if (!digitBefore && !digitAfter) {
                return true;
            }
        }
        return false;
    }
}
