package io.execctl.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/execctl on a copy of the project layout with a tiny stand-in jar (the real one is built only
 * after the tests) and a stand-in {@code mvn} ({@code EXECCTL_MVN}): run from another directory,
 * through a symlink, with JAVA_OPTS, and the build-if-stale rule.
 */
class LauncherTest {
    static final Instant OLD = Instant.parse("2020-01-01T00:00:00Z");
    static final Instant NEWER = Instant.parse("2021-01-01T00:00:00Z");

    @TempDir
    static Path jars;

    static Path fakeJar;
    static Path rebuiltJar;

    @TempDir
    Path tmp;

    Path project;
    Path elsewhere;
    Path jar;

    @BeforeAll
    static void jars() throws IOException {
        fakeJar = writeJar(jars, "fake");
        rebuiltJar = writeJar(jars, "rebuilt");
    }

    @BeforeEach
    void project() throws IOException {
        project = tmp.resolve("project");
        elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.createDirectories(project.resolve("bin"));
        Path script = project.resolve("bin/execctl");
        Files.copy(Path.of("bin/execctl"), script);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(project.resolve("pom.xml"), "<project/>");
        Path source = project.resolve("src/main/java/Some.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class Some {}");
        jar = project.resolve("target/execctl-all.jar");
        Files.createDirectories(jar.getParent());
        Files.copy(fakeJar, jar);
        for (Path p : List.of(
                project.resolve("pom.xml"),
                source,
                source.getParent(),
                source.getParent().getParent(),
                project.resolve("src/main"))) {
            Files.setLastModifiedTime(p, FileTime.from(OLD));
        }
        Files.setLastModifiedTime(jar, FileTime.from(NEWER));
    }

    record Run(int code, String out, String err) {}

    Run run(Path executable, Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(executable.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(elsewhere.toFile());
        pb.environment().put("EXECCTL_MVN", failingMvn().toString());
        pb.environment().remove("JAVA_OPTS");
        pb.environment().putAll(extraEnv);
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread t = new Thread(() -> copy(p.getErrorStream(), err));
        t.start();
        copy(p.getInputStream(), out);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        t.join();
        return new Run(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void runsTheJarFromAnotherDirectoryWithArgumentsAndJavaOpts() throws Exception {
        Run r = run(
                project.resolve("bin/execctl"), Map.of("JAVA_OPTS", "-Dexecctl.test=yes -Xmx64m"), "--version", "a b");
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("fake [--version, a b] prop=yes cwd=" + elsewhere.toRealPath() + "\n");
    }

    @Test
    void theDaemonGetsServiceJvmFlagsThatJavaOptsCanOverride() throws Exception {
        Run r = run(
                project.resolve("bin/execctl"),
                Map.of("JAVA_OPTS", "-Dexecctl.test=yes -Xmx200m"),
                "--config",
                "daemon",
                "daemon");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .startsWith("fake [--config, daemon, daemon] prop=yes")
                .contains(
                        "-Xmx256m",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-XX:+HeapDumpOnOutOfMemoryError",
                        "-XX:+UseSerialGC")
                .contains("-Xmx256m, -XX:+UseSerialGC"); // the service flags come first ...
        assertThat(r.out().indexOf("-Xmx200m")).isGreaterThan(r.out().indexOf("-Xmx256m")); // ... JAVA_OPTS win
        Run other = run(project.resolve("bin/execctl"), Map.of(), "sync", "daemon");
        assertThat(other.out()).doesNotContain("Xmx256m");
    }

    @Test
    void worksThroughASymlink() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("elsewhere/execctl"), project.resolve("bin/execctl"));
        Path linkToLink = Files.createSymbolicLink(tmp.resolve("elsewhere/x"), link);
        assertThat(run(link, Map.of(), "--version").out()).startsWith("fake [--version]");
        assertThat(run(linkToLink, Map.of(), "--help").out()).startsWith("fake [--help]");
    }

    @Test
    void rebuildsWhenASourceIsNewerThanTheJar() throws Exception {
        Path touched = project.resolve("src/main/java/Some.java");
        Files.setLastModifiedTime(touched, FileTime.from(Instant.parse("2022-01-01T00:00:00Z")));
        Run r = run(
                project.resolve("bin/execctl"),
                Map.of("EXECCTL_MVN", rebuildingMvn().toString()),
                "--version");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("rebuilt [--version]");
        assertThat(Files.readString(tmp.resolve("mvn.calls")))
                .isEqualTo(project.toRealPath() + " -q -B -DskipTests package\n");
        // now fresh: the failing mvn is not called again
        assertThat(run(project.resolve("bin/execctl"), Map.of(), "x").out()).startsWith("rebuilt [x]");
    }

    @Test
    void rebuildsWhenThePomIsNewerOrTheJarIsMissing() throws Exception {
        Files.setLastModifiedTime(project.resolve("pom.xml"), FileTime.from(Instant.parse("2022-01-01T00:00:00Z")));
        assertThat(run(
                                project.resolve("bin/execctl"),
                                Map.of("EXECCTL_MVN", rebuildingMvn().toString()))
                        .out())
                .startsWith("rebuilt");
        Files.delete(jar);
        assertThat(run(
                                project.resolve("bin/execctl"),
                                Map.of("EXECCTL_MVN", rebuildingMvn().toString()))
                        .out())
                .startsWith("rebuilt");
    }

    @Test
    void aFailedBuildShowsItsOutputAndExitsOne() throws Exception {
        Files.delete(jar);
        Run r = run(project.resolve("bin/execctl"), Map.of(), "--version");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .contains(
                        "[ERROR] COMPILATION ERROR from the stand-in mvn",
                        "execctl: building " + project.toRealPath().resolve("target/execctl-all.jar") + " failed");
    }

    private Path failingMvn() throws IOException {
        return script("failing-mvn", "#!/bin/sh\necho '[ERROR] COMPILATION ERROR from the stand-in mvn'\nexit 1\n");
    }

    private Path rebuildingMvn() throws IOException {
        Path rebuilt = rebuiltJar;
        return script(
                "rebuilding-mvn",
                "#!/bin/sh\necho \"$(pwd -P) $*\" >> '" + tmp.resolve("mvn.calls") + "'\n"
                        + "echo 'lots of maven output'\ncp '" + rebuilt + "' target/execctl-all.jar\n");
    }

    private Path script(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    /** A jar whose main prints a mark, its arguments, a system property and the working directory. */
    private static Path writeJar(Path dir, String mark) throws IOException {
        Path target = dir.resolve(mark + ".jar");
        Path src = Files.createDirectories(dir.resolve("src-" + mark)).resolve("Hello.java");
        Files.writeString(
                src,
                "public class Hello { public static void main(String[] a) { System.out.println(\"" + mark
                        + " \" + java.util.Arrays.toString(a) + \" prop=\" + System.getProperty(\"execctl.test\") + \" cwd=\" + System.getProperty(\"user.dir\")"
                        + " + (java.util.Arrays.asList(a).contains(\"daemon\") ? \" jvm=\" + java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments() : \"\")); } }");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, "-d", src.getParent().toString(), src.toString()))
                .isZero();
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Hello");
        try (OutputStream os = Files.newOutputStream(target);
                JarOutputStream jos = new JarOutputStream(os, m)) {
            jos.putNextEntry(new JarEntry("Hello.class"));
            jos.write(Files.readAllBytes(src.getParent().resolve("Hello.class")));
            jos.closeEntry();
        }
        return target;
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
