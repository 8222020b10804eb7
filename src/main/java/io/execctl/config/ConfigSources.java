package io.execctl.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The raw layers a {@link Config} is built from: an optional properties file, the environment, and
 * command-line flags, merged so that a later layer wins (file &lt; env &lt; flag). The environment wins
 * over the file so that a deployment can override one value of a shared file without editing it.
 * A blank value counts as unset. Values are kept only until {@link Config} parses them; this class
 * never prints them.
 */
public final class ConfigSources {
    private static final Pattern KEY_LIKE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    private final Map<Setting, String> values;
    private final Map<Setting, Origin> origins;
    private final Map<String, String> env;
    private final Optional<Path> file;
    private final List<String> warnings;

    private ConfigSources(
            Map<Setting, String> values,
            Map<Setting, Origin> origins,
            Map<String, String> env,
            Optional<Path> file,
            List<String> warnings) {
        this.values = values;
        this.origins = origins;
        this.env = env;
        this.file = file;
        this.warnings = warnings;
    }

    /** Environment only. */
    public static ConfigSources of(Map<String, String> env) {
        return of(env, Optional.empty(), Map.of());
    }

    /**
     * @param env   the process environment (injected, so tests never depend on the real one)
     * @param file  the {@code --config} properties file, if given; unreadable or holding an unknown
     *              key → {@link ConfigException}
     * @param flags values given as command-line flags
     */
    public static ConfigSources of(Map<String, String> env, Optional<Path> file, Map<Setting, String> flags) {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        Map<Setting, Origin> origins = new EnumMap<>(Setting.class);
        List<String> warnings = new ArrayList<>();
        Map<String, String> envCopy = Collections.unmodifiableMap(new TreeMap<>(env));
        if (file.isPresent()) {
            readFile(file.get(), warnings).forEach((s, v) -> put(values, origins, s, v, Origin.FILE));
        }
        for (Map.Entry<String, String> e : envCopy.entrySet()) {
            Optional<Setting> s = Setting.byKey(e.getKey());
            if (s.isPresent()) {
                put(values, origins, s.get(), e.getValue(), Origin.ENV);
            } else if (e.getKey().startsWith("EXECCTL_") && !Setting.FOREIGN_KEYS.contains(e.getKey())) {
                warnings.add("unknown setting " + e.getKey() + " in the environment is ignored");
            }
        }
        flags.forEach((s, v) -> put(values, origins, s, v, Origin.FLAG));
        return new ConfigSources(values, origins, envCopy, file, List.copyOf(warnings));
    }

    private static void put(Map<Setting, String> values, Map<Setting, Origin> origins, Setting s, String v, Origin o) {
        if (v == null || v.isBlank()) {
            return;
        }
        values.put(s, v.strip());
        origins.put(s, o);
    }

    private static Map<Setting, String> readFile(Path path, List<String> warnings) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(
                    "--config", "cannot read " + path + " (" + e.getClass().getSimpleName() + ")");
        }
        Map<Setting, String> out = new EnumMap<>(Setting.class);
        for (String key : new TreeMap<>(propertiesAsMap(p)).keySet()) {
            Optional<Setting> s = Setting.byKey(key.strip());
            if (s.isEmpty()) {
                // A pasted secret on a line of its own parses as a key: name the key only if it looks like one.
                String shown = KEY_LIKE.matcher(key.strip()).matches() ? key.strip() : "a line that is not KEY=VALUE";
                throw new ConfigException("--config", "unknown setting " + shown + " in " + path);
            }
            out.put(s.get(), p.getProperty(key));
        }
        if (out.keySet().stream().anyMatch(Setting::secret) && readableByOthers(path)) {
            warnings.add(path + " holds secrets and is readable by group or others (chmod 600 it)");
        }
        return out;
    }

    private static Map<String, String> propertiesAsMap(Properties p) {
        Map<String, String> m = new TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            m.put(k, p.getProperty(k));
        }
        return m;
    }

    private static boolean readableByOthers(Path path) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
            return perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The value of a setting, stripped; empty when unset or blank in every layer. */
    public Optional<String> value(Setting s) {
        return Optional.ofNullable(values.get(s));
    }

    public Origin origin(Setting s) {
        return origins.getOrDefault(s, Origin.DEFAULT);
    }

    /** A plain environment variable that is not a setting (HOME, XDG_DATA_HOME). */
    public Optional<String> environment(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    public Optional<Path> file() {
        return file;
    }

    /** Non-fatal remarks (unknown EXECCTL_ variables, a world-readable secrets file) for the log. */
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public String toString() {
        return "ConfigSources" + origins;
    }
}
