package io.callisto.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.callisto.wire.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallerTest {
    @TempDir
    Path dir;

    private Path fakeJar() throws IOException {
        return Files.writeString(dir.resolve("built.jar"), "not really a jar");
    }

    /** A Java home with a release file, as JDK and JRE images have. */
    private Path fakeJavaHome(String version, String modules) throws IOException {
        Path home = dir.resolve("java-" + version + "-" + modules.hashCode());
        Files.createDirectories(home.resolve("bin"));
        Path java = Files.writeString(home.resolve("bin").resolve("java"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\nMODULES=\"" + modules + "\"\n");
        return home;
    }

    @Test
    void writesKernelJsonLogosAndJarUnderThePrefix() throws Exception {
        Path prefix = dir.resolve("prefix");
        Installer.Options options = Installer.Options.parse(new String[] {
            "--prefix", prefix.toString(), "--jvm-opts", "-Xmx1g", "--compiler-opts=--enable-preview"});
        Path kernelDir = options.kernelsDir().resolve(options.name());
        Installer.install(options, kernelDir, fakeJar());

        assertEquals(prefix.resolve("share/jupyter/kernels/java"), kernelDir);
        for (String file : new String[] {"kernel.json", "callisto.jar", "logo-32x32.png", "logo-64x64.png", "logo-svg.svg"}) {
            assertTrue(Files.isRegularFile(kernelDir.resolve(file)), file);
        }
        JsonNode spec = Json.MAPPER.readTree(kernelDir.resolve("kernel.json").toFile());
        assertEquals("java", spec.path("language").asText());
        assertEquals("message", spec.path("interrupt_mode").asText());
        assertEquals("5.5", spec.path("kernel_protocol_version").asText());
        assertEquals("Java " + Runtime.version().feature(), spec.path("display_name").asText());
        JsonNode argv = spec.path("argv");
        assertEquals(Path.of(System.getProperty("java.home"), "bin", "java").toString(), argv.get(0).asText());
        assertEquals(kernelDir.resolve("callisto.jar").toString(), argv.get(argv.size() - 2).asText());
        assertEquals("{connection_file}", argv.get(argv.size() - 1).asText());
        assertEquals("-Xmx1g", spec.path("env").path("CALLISTO_JVM_OPTS").asText());
        assertEquals("--enable-preview", spec.path("env").path("CALLISTO_COMPILER_OPTS").asText());
        assertTrue(spec.path("metadata").path("debugger").asBoolean());
        assertEquals("[\"curve\"]", spec.path("metadata").path("supported_encryption").toString(),
                "jupyter_client hands out CurveZMQ keys only to a kernelspec that declares them");
    }

    @Test
    void nameAndDisplayNameAreSettableAndUninstallRemovesOnlyCallisto() throws Exception {
        Installer.Options options = Installer.Options.parse(new String[] {
            "--prefix", dir.toString(), "--name", "java-big", "--display-name", "Java (big heap)"});
        Path kernelDir = options.kernelsDir().resolve("java-big");
        Installer.install(options, kernelDir, fakeJar());
        assertEquals("Java (big heap)", Json.MAPPER.readTree(kernelDir.resolve("kernel.json").toFile()).path("display_name").asText());

        Path foreign = Files.createDirectories(options.kernelsDir().resolve("python3"));
        Files.writeString(foreign.resolve("kernel.json"), "{\"argv\": [\"python\"], \"language\": \"python\"}");
        assertThrows(InstallException.class, () -> Installer.uninstall(foreign));
        assertTrue(Files.exists(foreign.resolve("kernel.json")));

        Installer.uninstall(kernelDir);
        assertFalse(Files.exists(kernelDir));
    }

    @Test
    void refusesAJre() throws Exception {
        Path jre = fakeJavaHome("17.0.9", "java.base java.logging java.desktop");
        Installer.Options options = Installer.Options.parse(new String[] {"--prefix", dir.toString(), "--java", jre.toString()});
        InstallException error = assertThrows(InstallException.class,
                () -> Installer.install(options, options.kernelsDir().resolve("java"), fakeJar()));
        assertTrue(error.getMessage().contains("JRE or lacks the jdk.jshell module"), error.getMessage());
        assertTrue(error.getMessage().contains("--java"), error.getMessage());
    }

    @Test
    void refusesJavaOlderThan17() throws Exception {
        Path old = fakeJavaHome("11.0.22", "java.base jdk.compiler jdk.jshell");
        Installer.Options options = Installer.Options.parse(new String[] {"--prefix", dir.toString(), "--java", old.toString()});
        InstallException error = assertThrows(InstallException.class,
                () -> Installer.install(options, options.kernelsDir().resolve("java"), fakeJar()));
        assertTrue(error.getMessage().contains("version 11.0.22"), error.getMessage());
        assertTrue(error.getMessage().contains("Java 17 or later"), error.getMessage());
    }

    @Test
    void refusesADirectoryWithoutJava() throws Exception {
        Installer.Options options = Installer.Options.parse(new String[] {"--prefix", dir.toString(), "--java", dir.toString()});
        InstallException error = assertThrows(InstallException.class,
                () -> Installer.install(options, options.kernelsDir().resolve("java"), fakeJar()));
        assertTrue(error.getMessage().contains("no executable bin/java"), error.getMessage());
    }

    @Test
    void aFailedClassDataTrainingLeavesAWorkingKernelspecWithoutArchives() throws Exception {
        Installer.Options options = Installer.Options.parse(new String[] {"--prefix", dir.toString()});
        Path kernelDir = options.kernelsDir().resolve(options.name());
        // The fake jar cannot run the training workload, as a broken JDK or a full disk could not.
        String classData = Installer.install(options, kernelDir, fakeJar());
        assertTrue(classData.startsWith("No class-data sharing archives"), classData);
        assertFalse(Files.exists(kernelDir.resolve("kernel.jsa")));
        assertFalse(Files.exists(kernelDir.resolve("executor.jsa")));
        String argv = Json.MAPPER.readTree(kernelDir.resolve("kernel.json").toFile()).path("argv").toString();
        assertFalse(argv.contains("SharedArchiveFile") || argv.contains("executorArchive"), argv);
    }

    @Test
    void noClassDataSkipsTheTraining() throws Exception {
        Installer.Options options = Installer.Options.parse(new String[] {"--prefix", dir.toString(), "--no-class-data"});
        assertFalse(options.classData());
        Path kernelDir = Files.createDirectories(options.kernelsDir().resolve(options.name()));
        // An earlier install's archives were made for the jar this install replaces: they go too.
        Files.writeString(kernelDir.resolve("kernel.jsa"), "archive");
        Files.writeString(kernelDir.resolve("executor.jsa"), "archive");
        assertEquals(null, Installer.install(options, kernelDir, fakeJar()));
        assertFalse(Files.exists(kernelDir.resolve("kernel.jsa")) || Files.exists(kernelDir.resolve("executor.jsa")));
        String argv = Json.MAPPER.readTree(kernelDir.resolve("kernel.json").toFile()).path("argv").toString();
        assertFalse(argv.contains("SharedArchiveFile") || argv.contains("executorArchive"), argv);
        assertTrue(Installer.Options.parse(new String[] {"--prefix", dir.toString()}).classData());
    }

    @Test
    void archivesBesideTheJarGoIntoTheKernelsJvmOptions() throws Exception {
        Path kernelDir = Files.createDirectories(dir.resolve("kernel"));
        assertEquals(java.util.List.of(), ClassDataTraining.kernelOptions(kernelDir));
        Files.writeString(kernelDir.resolve("kernel.jsa"), "archive");
        Files.writeString(kernelDir.resolve("executor.jsa"), "archive");
        assertEquals(java.util.List.of("-XX:SharedArchiveFile=" + kernelDir.resolve("kernel.jsa"), "-Xlog:cds*=off",
                "-Dcallisto.executorArchive=" + kernelDir.resolve("executor.jsa")), ClassDataTraining.kernelOptions(kernelDir));
    }

    @Test
    void acceptsTheRunningJdk() throws Exception {
        JavaHome running = JavaHome.inspect(Path.of(System.getProperty("java.home")));
        running.requireUsable();
        assertEquals(Runtime.version().feature(), running.feature());
    }

    @Test
    void badOptionsAreRefusedWithAClearMessage() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Installer.Options.parse(new String[] {"--frobnicate"}))
                .getMessage().contains("unknown option --frobnicate"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Installer.Options.parse(new String[] {"--name"}))
                .getMessage().contains("--name needs a value"));
        assertThrows(IllegalArgumentException.class, () -> Installer.Options.parse(new String[] {"--name", "../escape"}));
    }

    @Test
    void userDataDirFollowsJupyterRules() {
        assertEquals(Path.of("/custom"), JupyterPaths.userDataDir(java.util.Map.of("JUPYTER_DATA_DIR", "/custom")));
        if (System.getProperty("os.name").toLowerCase().startsWith("linux")) {
            assertEquals(Path.of("/xdg/jupyter"), JupyterPaths.userDataDir(java.util.Map.of("XDG_DATA_HOME", "/xdg")));
            assertEquals(Path.of(System.getProperty("user.home"), ".local/share/jupyter"), JupyterPaths.userDataDir(java.util.Map.of()));
            assertEquals(Path.of("/home/someone/.local/share/jupyter"), JupyterPaths.userDataDir(java.util.Map.of("HOME", "/home/someone")));
        }
    }
}
