package io.execctl.config;

/** Where a setting's value came from; later layers win: default &lt; file &lt; environment &lt; flag. */
public enum Origin {
    DEFAULT("default"),
    FILE("file"),
    ENV("env"),
    FLAG("flag");

    private final String label;

    Origin(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
