package io.execctl.config;

import io.execctl.domain.AccountNo;
import io.execctl.domain.KisEnv;
import io.execctl.domain.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigTest {
    static final String APP_KEY = "PSk3yVALUEthatMustNeverLeak0000000001";
    static final String APP_SECRET = "s3cretVALUEthatMustNeverLeak/+=abcdefghij";
    static final String ACCOUNT = "87654321-01";
    static final String DB_PASSWORD = "dbPassw0rdNeverShown";
    static final String URL_PASSWORD = "urlPassw0rdNeverShown";

    @TempDir
    Path tmp;

    static Map<String, String> env(String... kv) {
        Map<String, String> m = new HashMap<>();
        m.put("HOME", "/home/tester");
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static Config load(String... kv) {
        return Config.fromEnvironment(env(kv));
    }

    @Test
    void defaultsArePaperWithItsHostsAndBudget() {
        Config c = load();
        assertThat(c.kis().env()).isEqualTo(KisEnv.PAPER);
        assertThat(c.kis().restUrl()).isEqualTo(KisEnv.PAPER.defaultRestUrl());
        assertThat(c.kis().wsUrl()).isEqualTo(KisEnv.PAPER.defaultWsUrl());
        assertThat(c.kis().ratePerSecond()).isEqualTo(0.9);
        assertThat(c.kis().trIdSet()).isEqualTo(TrIdSet.NEW);
        assertThatThrownBy(c::kisSettings).hasMessageStartingWith("KIS_APP_KEY: is required");
        assertThat(c.db().embedded()).isTrue();
        assertThat(c.loops().intentPoll()).isEqualTo(Duration.ofMillis(1000));
        assertThat(c.loops().unfilledSync()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.loops().unfilledIdleSync()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.loops().fillsSync()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.loops().holdingsSync()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.loops().wsDownSync()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.metricsPort()).isEqualTo(9464);
        assertThat(c.dataDir()).isEqualTo(Path.of("/home/tester/.local/share/execctl"));
        assertThat(c.embeddedPgDir()).isEqualTo(Path.of("/home/tester/.local/share/execctl/pg"));
        assertThat(c.origin(Setting.KIS_ENV)).isEqualTo(Origin.DEFAULT);
    }

    @Test
    void realEnvironmentHasItsOwnHostsAndBudget() {
        Config c = load("KIS_ENV", "real");
        assertThat(c.kis().env()).isEqualTo(KisEnv.REAL);
        assertThat(c.kis().restUrl()).hasToString("https://openapi.koreainvestment.com:9443");
        assertThat(c.kis().wsUrl()).hasToString("ws://ops.koreainvestment.com:21000");
        assertThat(c.kis().ratePerSecond()).isEqualTo(18.0);
        assertThat(c.origin(Setting.KIS_ENV)).isEqualTo(Origin.ENV);
    }

    @Test
    void everyValueIsParsed() {
        Config c = load(
                "EXECCTL_DB_URL",
                "jdbc:postgresql://db.example:5433/exec",
                "EXECCTL_DB_USER",
                "exec",
                "EXECCTL_DB_PASSWORD",
                DB_PASSWORD,
                "KIS_ENV",
                " REAL ",
                "KIS_APP_KEY",
                APP_KEY,
                "KIS_APP_SECRET",
                APP_SECRET,
                "KIS_ACCOUNT",
                ACCOUNT,
                "KIS_HTS_ID",
                "trader01",
                "KIS_REST_URL",
                "http://127.0.0.1:18080/",
                "KIS_WS_URL",
                "ws://127.0.0.1:18081",
                "KIS_TR_ID_SET",
                "old",
                "KIS_RATE_PER_SEC",
                "5.5",
                "EXECCTL_INTENT_POLL_MS",
                "250",
                "EXECCTL_UNFILLED_SYNC_S",
                "3",
                "EXECCTL_UNFILLED_IDLE_SYNC_S",
                "20",
                "EXECCTL_FILLS_SYNC_S",
                "10",
                "EXECCTL_HOLDINGS_SYNC_S",
                "60",
                "EXECCTL_WS_DOWN_SYNC_S",
                "1",
                "EXECCTL_SUBMIT_WORKERS",
                "6",
                "EXECCTL_DATA_DIR",
                "/var/lib/execctl",
                "EXECCTL_METRICS_PORT",
                "0");
        assertThat(c.db().url()).contains("jdbc:postgresql://db.example:5433/exec");
        assertThat(c.db().user()).contains("exec");
        assertThat(c.db().password().orElseThrow().reveal()).isEqualTo(DB_PASSWORD);
        KisCredentials creds = c.require(Need.DB, Need.KIS, Need.KIS_NOTICES).kisCredentials();
        assertThat(creds.appKey().reveal()).isEqualTo(APP_KEY);
        assertThat(creds.appSecret().reveal()).isEqualTo(APP_SECRET);
        assertThat(creds.account().reveal()).isEqualTo(ACCOUNT);
        assertThat(c.htsId()).isEqualTo("trader01");
        assertThat(c.kis().restUrl()).hasToString("http://127.0.0.1:18080");
        assertThat(c.kis().wsUrl()).hasToString("ws://127.0.0.1:18081");
        assertThat(c.kis().trIdSet()).isEqualTo(TrIdSet.OLD);
        assertThat(c.kis().ratePerSecond()).isEqualTo(5.5);
        KisSettings settings = c.kisSettings();
        assertThat(settings.options()).isEqualTo(c.kis());
        assertThat(settings.appKey().reveal()).isEqualTo(APP_KEY);
        assertThat(settings.account().reveal()).isEqualTo(ACCOUNT);
        assertThat(settings.htsId()).isEqualTo("trader01");
        assertThat(c.loops())
                .isEqualTo(new LoopSettings(
                        Duration.ofMillis(250),
                        Duration.ofSeconds(3),
                        Duration.ofSeconds(20),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(1),
                        6));
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/execctl"));
        assertThat(c.metricsPort()).isZero();
    }

    @Test
    void xdgDataHomeIsUsedWhenAbsoluteOnly() {
        assertThat(load("XDG_DATA_HOME", "/xdg").dataDir()).isEqualTo(Path.of("/xdg/execctl"));
        assertThat(load("XDG_DATA_HOME", "relative/xdg").dataDir())
                .isEqualTo(Path.of("/home/tester/.local/share/execctl"));
        assertThat(load("XDG_DATA_HOME", "/xdg", "EXECCTL_DATA_DIR", "/explicit")
                        .dataDir())
                .isEqualTo(Path.of("/explicit"));
    }

    @Test
    void blankValuesCountAsUnset() {
        Config c = load("KIS_ENV", "  ", "EXECCTL_DB_URL", "", "KIS_APP_KEY", " ");
        assertThat(c.kis().env()).isEqualTo(KisEnv.PAPER);
        assertThat(c.db().embedded()).isTrue();
        assertThatThrownBy(() -> c.require(Need.KIS)).hasMessageStartingWith("KIS_APP_KEY: is required");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("KIS_ENV", "prod2", "real or paper"),
                Arguments.of("KIS_TR_ID_SET", "newest", "new or old"),
                Arguments.of("KIS_RATE_PER_SEC", "fast", "decimal"),
                Arguments.of("KIS_RATE_PER_SEC", "0", "greater than 0"),
                Arguments.of("KIS_RATE_PER_SEC", "-1", "greater than 0"),
                Arguments.of("KIS_RATE_PER_SEC", "1001", "at most 1000"),
                Arguments.of("KIS_RATE_PER_SEC", "NaN", "decimal"),
                Arguments.of("KIS_REST_URL", "openapi.koreainvestment.com", "http"),
                Arguments.of("KIS_REST_URL", "ws://127.0.0.1:1", "http"),
                Arguments.of("KIS_REST_URL", "http://", "valid URL"),
                Arguments.of("KIS_REST_URL", "http://127.0.0.1:1/x?y=1", "query"),
                Arguments.of("KIS_REST_URL", "http://u:pw@127.0.0.1:1", "user information"),
                Arguments.of("KIS_REST_URL", "http://a b", "valid URL"),
                Arguments.of("KIS_WS_URL", "http://127.0.0.1:1", "ws"),
                Arguments.of("KIS_HTS_ID", "bad id!", "letters"),
                Arguments.of("KIS_ACCOUNT", "9999", "12345678-01"),
                Arguments.of("KIS_ACCOUNT", "98765432-1", "12345678-01"),
                Arguments.of("KIS_APP_KEY", "has space", "printable ASCII"),
                Arguments.of("KIS_APP_SECRET", "quote\"inside\u00e9", "printable ASCII"),
                Arguments.of("KIS_CONNECT_TIMEOUT_MS", "0", "must be positive"),
                Arguments.of("KIS_CALL_TIMEOUT_MS", "ten", "whole number"),
                Arguments.of("KIS_BACKOFF_RATE_LIMITED", "1000,2,3", "first_ms,factor,max_retries,cap_ms"),
                Arguments.of("KIS_BACKOFF_SERVER_ERROR", "2000,0.5,3,8000", "factor must be >= 1"),
                Arguments.of("KIS_BACKOFF_TIMEOUT", "5000,1,-1,5000", "maxRetries"),
                Arguments.of("KIS_BACKOFF_CONNECT", "1000,2,2,500", "cap must be >= first"),
                Arguments.of("KIS_BACKOFF_JITTER", "1.5", "within [0, 1]"),
                Arguments.of("KIS_TOKEN_REFRESH_MARGIN_S", "-1", "between 0 and"),
                Arguments.of("KIS_APPROVAL_KEY_LIFETIME_S", "0", "must be positive"),
                Arguments.of("KIS_TOKEN_ISSUE_INTERVAL_S", "1m", "whole number"),
                Arguments.of("KIS_MAX_PAGES", "0", "between 1 and 10000"),
                Arguments.of("KIS_DATA_CHANGED_RESTARTS", "101", "between 0 and 100"),
                Arguments.of("KIS_WS_PING_INTERVAL_S", "0", "must be positive"),
                Arguments.of("KIS_WS_DEAD_AFTER_PINGS", "1", "at least 2"),
                Arguments.of("KIS_WS_CONNECT_TIMEOUT_S", "0", "must be positive"),
                Arguments.of("KIS_WS_TRYITOUT", "maybe", "true or false"),
                Arguments.of("EXECCTL_DB_URL", "postgres://localhost/x", "JDBC URL"),
                Arguments.of("EXECCTL_DB_URL", "jdbc:postgresql:", "JDBC URL"),
                Arguments.of("EXECCTL_DB_URL", "jdbc:postgresql://h/x?password=a b", "spaces"),
                Arguments.of("EXECCTL_INTENT_POLL_MS", "1s", "whole number"),
                Arguments.of("EXECCTL_INTENT_POLL_MS", "10", "between 50 and 3600000"),
                Arguments.of("EXECCTL_UNFILLED_SYNC_S", "0", "between 1 and 86400"),
                Arguments.of("EXECCTL_UNFILLED_IDLE_SYNC_S", "2.5", "whole number"),
                Arguments.of("EXECCTL_FILLS_SYNC_S", "-5", "between 1 and 86400"),
                Arguments.of("EXECCTL_HOLDINGS_SYNC_S", "86401", "between 1 and 86400"),
                Arguments.of("EXECCTL_WS_DOWN_SYNC_S", "x", "whole number"),
                Arguments.of("EXECCTL_METRICS_PORT", "65536", "between 0 and 65535"),
                Arguments.of("EXECCTL_METRICS_PORT", "http", "whole number"),
                Arguments.of("EXECCTL_DATA_DIR", "bad\u0000dir", "valid path"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("malformed")
    void malformedValueStopsWithOneLineNamingTheKey(String key, String value, String expected) {
        assertThatThrownBy(() -> load(key, value))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> {
                    ConfigException ce = (ConfigException) e;
                    assertThat(ce.key()).isEqualTo(key);
                    assertThat(ce.getMessage())
                            .startsWith(key + ": ")
                            .contains(expected)
                            .doesNotContain("\n");
                    if (Setting.byKey(key).orElseThrow().secret()
                            || value.contains("password")
                            || value.contains("@")) {
                        assertThat(ce.getMessage()).doesNotContain(value.strip());
                    }
                });
    }

    @Test
    void nonSecretMalformedValueIsShownToHelp() {
        assertThatThrownBy(() -> load("KIS_ENV", "prod2")).hasMessage("KIS_ENV: must be real or paper, got 'prod2'");
    }

    @Test
    void endpointOfTheOtherEnvironmentIsRefused() {
        assertThatThrownBy(() -> load("KIS_ENV", "paper", "KIS_REST_URL", "https://openapi.koreainvestment.com:9443"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("KIS_REST_URL: is the real host");
        assertThatThrownBy(() -> load("KIS_ENV", "real", "KIS_WS_URL", "ws://ops.koreainvestment.com:31000/"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("KIS_WS_URL: is the paper host");
        assertThat(load("KIS_ENV", "real", "KIS_REST_URL", "https://openapi.koreainvestment.com:9443/")
                        .kis()
                        .restUrl())
                .hasToString("https://openapi.koreainvestment.com:9443");
    }

    @Test
    void databaseCredentialsWithoutUrlAreAMistake() {
        assertThatThrownBy(() -> load("EXECCTL_DB_USER", "exec"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("EXECCTL_DB_USER: is set but EXECCTL_DB_URL is not");
        assertThatThrownBy(() -> load("EXECCTL_DB_PASSWORD", DB_PASSWORD))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("EXECCTL_DB_PASSWORD: is set but EXECCTL_DB_URL is not")
                .hasMessageNotContaining(DB_PASSWORD);
    }

    @Test
    void requireNamesTheFirstMissingKey() {
        Config none = load();
        none.require(Need.DB);
        assertThatThrownBy(() -> none.require(Need.KIS))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("KIS_APP_KEY: is required");
        Config keyOnly = load("KIS_APP_KEY", APP_KEY);
        assertThatThrownBy(() -> keyOnly.require(Need.KIS)).hasMessageStartingWith("KIS_APP_SECRET: is required");
        Config noAccount = load("KIS_APP_KEY", APP_KEY, "KIS_APP_SECRET", APP_SECRET);
        assertThatThrownBy(() -> noAccount.require(Need.KIS)).hasMessageStartingWith("KIS_ACCOUNT: is required");
        Config noHts = load("KIS_APP_KEY", APP_KEY, "KIS_APP_SECRET", APP_SECRET, "KIS_ACCOUNT", ACCOUNT);
        noHts.require(Need.KIS);
        assertThatThrownBy(() -> noHts.require(Need.KIS_NOTICES)).hasMessageStartingWith("KIS_HTS_ID: is required");
    }

    @Test
    void secretsAppearNowhere() {
        Config c = load(
                "EXECCTL_DB_URL",
                "jdbc:postgresql://db:5432/x?user=u&password=" + URL_PASSWORD + "&ssl=true",
                "EXECCTL_DB_USER",
                "u",
                "EXECCTL_DB_PASSWORD",
                DB_PASSWORD,
                "KIS_APP_KEY",
                APP_KEY,
                "KIS_APP_SECRET",
                APP_SECRET,
                "KIS_ACCOUNT",
                ACCOUNT,
                "KIS_HTS_ID",
                "trader01");
        String everything = c + "\n" + String.join("\n", c.describe()) + "\n" + c.kis() + c.db() + c.kisCredentials()
                + c.db().safeUrl().orElseThrow();
        assertThat(everything)
                .doesNotContain(APP_KEY, APP_SECRET, ACCOUNT, "87654321", DB_PASSWORD, URL_PASSWORD, "trader01")
                .contains("****(" + APP_KEY.length() + ")", "87****21-01", "password=****", "tr****");
    }

    @Test
    void secretsAreNotRepeatedInErrors() {
        for (String bad : new String[] {APP_KEY + " x", APP_KEY + "\u00e9"}) {
            assertThatThrownBy(() -> load("KIS_APP_KEY", bad)).hasMessageNotContaining(APP_KEY);
            assertThatThrownBy(() -> load("KIS_APP_SECRET", bad)).hasMessageNotContaining(APP_KEY);
        }
        assertThatThrownBy(() -> load("KIS_ACCOUNT", "8765432101x")).hasMessageNotContaining("87654321");
        assertThatThrownBy(() -> load("EXECCTL_DB_URL", "jdbc:postgresql://h/x?password=" + URL_PASSWORD + " " + "x"))
                .hasMessageNotContaining(URL_PASSWORD);
    }

    @Test
    void describeListsEveryKeyWithItsOrigin() throws IOException {
        Path file = tmp.resolve("execctl.properties");
        Files.writeString(file, "KIS_ENV=real\nKIS_RATE_PER_SEC=10\n", StandardCharsets.UTF_8);
        Config c = Config.load(ConfigSources.of(
                env("KIS_RATE_PER_SEC", "12"), Optional.of(file), Map.of(Setting.METRICS_PORT, "9999")));
        assertThat(c.describe()).hasSize(Setting.values().length);
        assertThat(c.describe())
                .anySatisfy(l -> assertThat(l).matches("KIS_ENV +file +real"))
                .anySatisfy(l -> assertThat(l).matches("KIS_RATE_PER_SEC +env +12"))
                .anySatisfy(l -> assertThat(l).matches("EXECCTL_METRICS_PORT +flag +9999"))
                .anySatisfy(l -> assertThat(l).matches("KIS_APP_KEY +default +\\(unset\\)"));
    }

    @Test
    void environmentWinsOverFileAndFlagsWinOverEnvironment() throws IOException {
        Path file = tmp.resolve("c.properties");
        Files.writeString(
                file,
                "# comment\nKIS_ENV = real\nEXECCTL_FILLS_SYNC_S: 20\nKIS_HTS_ID=fromfile\n",
                StandardCharsets.UTF_8);
        Config c = Config.load(ConfigSources.of(
                env("KIS_ENV", "paper", "KIS_HTS_ID", "fromenv"),
                Optional.of(file),
                Map.of(Setting.KIS_HTS_ID, "fromflag")));
        assertThat(c.kis().env()).isEqualTo(KisEnv.PAPER);
        assertThat(c.loops().fillsSync()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.htsId()).isEqualTo("fromflag");
        assertThat(c.origin(Setting.FILLS_SYNC_S)).isEqualTo(Origin.FILE);
        assertThat(c.origin(Setting.KIS_ENV)).isEqualTo(Origin.ENV);
        assertThat(c.origin(Setting.KIS_HTS_ID)).isEqualTo(Origin.FLAG);
        assertThat(c.file()).contains(file);
    }

    @Test
    void unknownKeyInFileIsAnError() throws IOException {
        Path file = tmp.resolve("typo.properties");
        Files.writeString(file, "KIS_APPKEY=abc\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ConfigSources.of(env(), Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--config: unknown setting KIS_APPKEY in " + file);
    }

    @Test
    void aPastedSecretOnItsOwnLineIsNotEchoed() throws IOException {
        Path file = tmp.resolve("pasted.properties");
        Files.writeString(file, "KIS_APP_KEY=x\n" + APP_SECRET + "\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ConfigSources.of(env(), Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageNotContaining(APP_SECRET.substring(0, 10))
                .hasMessageContaining("not KEY=VALUE");
    }

    @Test
    void missingFileIsAConfigurationError() {
        Path file = tmp.resolve("absent.properties");
        assertThatThrownBy(() -> ConfigSources.of(env(), Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("--config: cannot read " + file);
    }

    @Test
    void warnsAboutUnknownEnvironmentKeysAndReadableSecretFiles() throws IOException {
        Path file = tmp.resolve("open.properties");
        Files.writeString(file, "KIS_APP_SECRET=" + APP_SECRET + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        ConfigSources src = ConfigSources.of(
                env(
                        "EXECCTL_DB_ULR",
                        "x",
                        "EXECCTL_LOG_LEVEL",
                        "DEBUG",
                        "EXECCTL_TEST_DB_URL",
                        "y",
                        "KIS_SOMETHING_ELSE",
                        "z"),
                Optional.of(file),
                Map.of());
        assertThat(src.warnings())
                .containsExactlyInAnyOrder(
                        "unknown setting EXECCTL_DB_ULR in the environment is ignored",
                        file + " holds secrets and is readable by group or others (chmod 600 it)");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(ConfigSources.of(env(), Optional.of(file), Map.of()).warnings())
                .isEmpty();
        assertThat(src.toString()).doesNotContain(APP_SECRET);
    }

    @Test
    void everyClientSettingIsConfigurableAndReachesTheClientSettings() {
        Config c = load(
                "KIS_APP_KEY", APP_KEY,
                "KIS_APP_SECRET", APP_SECRET,
                "KIS_ACCOUNT", ACCOUNT,
                "KIS_CONNECT_TIMEOUT_MS", "1100",
                "KIS_READ_TIMEOUT_MS", "1200",
                "KIS_WRITE_TIMEOUT_MS", "1300",
                "KIS_CALL_TIMEOUT_MS", "1400",
                "KIS_BACKOFF_RATE_LIMITED", "500, 3, 4, 9000",
                "KIS_BACKOFF_SERVER_ERROR", "100,1.5,1,100",
                "KIS_BACKOFF_TIMEOUT", "7000,1,0,7000",
                "KIS_BACKOFF_CONNECT", "10,2,5,80",
                "KIS_BACKOFF_JITTER", "0",
                "KIS_TOKEN_REFRESH_MARGIN_S", "120",
                "KIS_APPROVAL_KEY_LIFETIME_S", "3600",
                "KIS_TOKEN_ISSUE_INTERVAL_S", "65",
                "KIS_TOKEN_ISSUE_MAX_WAIT_S", "0",
                "KIS_MAX_PAGES", "7",
                "KIS_DATA_CHANGED_RESTARTS", "0",
                "KIS_WS_PING_INTERVAL_S", "12",
                "KIS_WS_DEAD_AFTER_PINGS", "4",
                "KIS_WS_CONNECT_TIMEOUT_S", "6",
                "KIS_WS_TRYITOUT", "true",
                "KIS_WS_RECONNECT_BASE_MS", "250",
                "KIS_WS_RECONNECT_CAP_S", "20",
                "KIS_WS_RECONNECT_FLOOR_MS", "200",
                "KIS_WS_STABLE_AFTER_S", "30",
                "KIS_WS_IN_USE_DELAY_S", "90",
                "KIS_WS_IN_USE_CAP_S", "900");
        KisSettings s = c.require(Need.KIS).kisSettings();
        assertThat(s.timeouts())
                .isEqualTo(new Timeouts(
                        Duration.ofMillis(1100),
                        Duration.ofMillis(1200),
                        Duration.ofMillis(1300),
                        Duration.ofMillis(1400)));
        assertThat(s.backoff())
                .isEqualTo(new BackoffTable(
                        new RetrySchedule(Duration.ofMillis(500), 3.0, 4, Duration.ofSeconds(9)),
                        new RetrySchedule(Duration.ofMillis(100), 1.5, 1, Duration.ofMillis(100)),
                        RetrySchedule.linear(Duration.ofSeconds(7), 0),
                        new RetrySchedule(Duration.ofMillis(10), 2.0, 5, Duration.ofMillis(80)),
                        0.0));
        assertThat(s.tokenRefreshMargin()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.approvalKeyLifetime()).isEqualTo(Duration.ofHours(1));
        assertThat(s.tokenIssueMinInterval()).isEqualTo(Duration.ofSeconds(65));
        assertThat(s.tokenIssueMaxWait()).isZero();
        assertThat(s.maxPages()).isEqualTo(7);
        assertThat(s.dataChangedRestarts()).isZero();
        assertThat(s.notices())
                .isEqualTo(new NoticeSettings(
                        Duration.ofSeconds(12),
                        4,
                        Duration.ofSeconds(6),
                        true,
                        new ReconnectPolicy(
                                Duration.ofMillis(250),
                                Duration.ofSeconds(20),
                                Duration.ofMillis(200),
                                Duration.ofSeconds(30),
                                Duration.ofSeconds(90),
                                Duration.ofSeconds(900))));
        // execctl config shows each value as it was given (in the key's unit) and where it came from.
        assertThat(c.describe())
                .anyMatch(l -> l.matches("KIS_BACKOFF_RATE_LIMITED +env +500,3,4,9000"))
                .anyMatch(l -> l.matches("KIS_BACKOFF_SERVER_ERROR +env +100,1.5,1,100"))
                .anyMatch(l -> l.matches("KIS_WS_TRYITOUT +env +true"))
                .anyMatch(l -> l.matches("KIS_MAX_PAGES +env +7"));
    }

    /** The default text of docs/configuration.md (Setting.defaultText) is what the code really uses. */
    @Test
    void documentedDefaultsAreTheDefaultsInUse() {
        Config c = load();
        for (Setting s : Setting.values()) {
            if (s.group() != Setting.Group.KIS || !s.defaultText().matches("[0-9a-z.,]+")) {
                continue;
            }
            assertThat(c.describe())
                    .as("default of %s", s.key())
                    .anyMatch(l ->
                            l.matches(s.key() + " +default +" + s.defaultText().replace(".", "\\.")));
        }
    }

    @Test
    void aBrokenRuleBetweenReconnectValuesNamesTheirFamily() {
        assertThatThrownBy(() -> load("KIS_WS_RECONNECT_FLOOR_MS", "40000"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("KIS_WS_RECONNECT_*/KIS_WS_IN_USE_*: ")
                .hasMessageContaining("floor");
    }

    @Test
    void settingsBuiltByHandFollowTheSameRulesAndNameTheKey() {
        KisSettings.Builder b = KisSettings.builder(KisEnv.PAPER)
                .appKey(Secret.of(APP_KEY))
                .appSecret(Secret.of(APP_SECRET))
                .account(AccountNo.parse(ACCOUNT));
        assertThatThrownBy(() -> b.maxPages(0).build())
                .isInstanceOf(ConfigException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("KIS_MAX_PAGES: ");
        assertThatThrownBy(() -> b.maxPages(5)
                        .restUrl("https://openapi.koreainvestment.com:9443")
                        .build())
                .hasMessageStartingWith("KIS_REST_URL: is the real host");
    }
}
