package io.execctl.config;

import java.util.Objects;

/**
 * A missing or malformed setting. The message is one line that names the key and never contains a
 * secret's value, so the CLI can print it as is and exit with the usage/configuration code. It is an
 * {@link IllegalArgumentException}: the settings records throw it from their constructors too, so a
 * test or caller that builds settings by hand sees the same rule and the same key.
 */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public ConfigException(String key, String problem) {
        super(Objects.requireNonNull(key, "key") + ": " + oneLine(problem));
        this.key = key;
    }

    public ConfigException(Setting setting, String problem) {
        this(setting.key(), problem);
    }

    /** The offending key (or file), for callers and tests. */
    public String key() {
        return key;
    }

    private static String oneLine(String s) {
        return s == null ? "invalid" : s.replaceAll("[\\r\\n]+", " ").strip();
    }
}
