package io.callisto.install;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callisto.wire.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes and removes Callisto's kernelspec: kernel.json, the logos and a copy of the kernel jar, in a
 * Jupyter data directory chosen as {@code jupyter kernelspec install} chooses it. Needs no Python except
 * for --sys-prefix, which asks python3 for its prefix.
 */
public final class Installer {
    static final String DEFAULT_NAME = "java";
    static final String JAR_NAME = "callisto.jar";
    static final List<String> LOGOS = List.of("logo-32x32.png", "logo-64x64.png", "logo-svg.svg");

    /** The settings kernel.json's env carries, by install flag. */
    static final Map<String, String> ENV_FLAGS = Map.of(
            "--jvm-opts", "CALLISTO_JVM_OPTS",
            "--classpath", "CALLISTO_CLASSPATH",
            "--compiler-opts", "CALLISTO_COMPILER_OPTS",
            "--startup", "CALLISTO_STARTUP",
            "--startup-file", "CALLISTO_STARTUP_FILE",
            "--log-level", "CALLISTO_LOG_LEVEL");

    private static final java.util.Set<String> SWITCHES = java.util.Set.of("--user", "--sys-prefix", "--no-class-data");
    private static final java.util.Set<String> VALUE_FLAGS =
            java.util.Set.of("--prefix", "--name", "--display-name", "--java");

    private Installer() {
    }

    /** Runs install or uninstall with the command line's options; returns the exit code. */
    public static int run(String command, String[] args) {
        try {
            Options options = Options.parse(args);
            Path kernelDir = options.kernelsDir().resolve(options.name());
            if (command.equals("install")) {
                String classData = install(options, kernelDir, selfJar());
                System.out.println("Installed kernelspec '" + options.name() + "' in " + kernelDir);
                if (classData != null) {
                    System.out.println(classData);
                }
            } else {
                uninstall(kernelDir);
                System.out.println("Removed kernelspec '" + options.name() + "' from " + kernelDir);
            }
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("callisto " + command + ": " + e.getMessage());
            return 2;
        }
    }

    /** Installs; returns what became of the class-data sharing archives (null when not asked for). */
    static String install(Options options, Path kernelDir, Path jar) throws IOException {
        JavaHome java = JavaHome.inspect(options.javaHome());
        java.requireUsable();
        Files.createDirectories(kernelDir);
        Path installedJar = kernelDir.resolve(JAR_NAME);
        Files.copy(jar, installedJar, StandardCopyOption.REPLACE_EXISTING);
        for (String logo : LOGOS) {
            try (InputStream in = resource(logo)) {
                Files.copy(in, kernelDir.resolve(logo), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        // Trained with the installed jar, which is the one kernel.json names: an archive fits one jar file.
        String classData = null;
        if (options.classData()) {
            classData = ClassDataTraining.train(java, kernelDir, installedJar);
        } else {
            ClassDataTraining.removeArchives(kernelDir);  // an earlier install's, made for the jar just replaced
        }
        ObjectNode spec = kernelJson(options, java, installedJar, ClassDataTraining.kernelOptions(kernelDir));
        Files.writeString(kernelDir.resolve("kernel.json"),
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(spec) + "\n", StandardCharsets.UTF_8);
        return classData;
    }

    /** kernelspec/kernel.json with the java, the jar, the display name and the env filled in; jvmOptions go before -jar. */
    static ObjectNode kernelJson(Options options, JavaHome java, Path jar, List<String> jvmOptions) throws IOException {
        ObjectNode spec;
        try (InputStream in = resource("kernel.json")) {
            spec = (ObjectNode) Json.MAPPER.readTree(in);
        }
        ArrayNode argv = Json.MAPPER.createArrayNode();
        for (var arg : spec.withArrayProperty("argv")) {
            if (arg.asText().equals("-jar")) {
                jvmOptions.forEach(argv::add);
            }
            argv.add(arg.asText()
                    .replace("@JAVA@", java.launcher().toString())
                    .replace("@JAR@", jar.toString()));
        }
        spec.set("argv", argv);
        spec.put("display_name", options.displayName() != null ? options.displayName() : "Java " + java.feature());
        // jupyter_client 8.8+ reads the protocol version from the kernelspec; the one the kernel speaks.
        spec.put("kernel_protocol_version", io.callisto.wire.MessageFactory.PROTOCOL_VERSION);
        ObjectNode env = spec.putObject("env");
        options.env().forEach(env::put);
        spec.withObjectProperty("metadata").withObjectProperty("callisto").put("java_home", java.home().toString());
        return spec;
    }

    static void uninstall(Path kernelDir) throws IOException {
        Path spec = kernelDir.resolve("kernel.json");
        if (!Files.isRegularFile(spec)) {
            throw new InstallException("no kernelspec at " + kernelDir);
        }
        if (!Files.readString(spec).contains("\"callisto\"")) {
            throw new InstallException(kernelDir + " holds a kernelspec that is not Callisto's; left as it is");
        }
        try (Stream<Path> files = Files.walk(kernelDir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = Installer.class.getResourceAsStream("/kernelspec/" + name);
        if (in == null) {
            throw new IOException("the jar lacks kernelspec/" + name + "; rebuild it with ./kernel install");
        }
        return in;
    }

    private static Path selfJar() throws IOException {
        try {
            Path location = Path.of(Installer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(location)) {
                throw new InstallException("install runs from the packaged jar (target/" + JAR_NAME + "), not from " + location);
            }
            return location;
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the kernel jar", e);
        }
    }

    /** The install and uninstall options, as {@code jupyter kernelspec install} names them where it has them. */
    record Options(String name, String displayName, Path javaHome, Path kernelsDir, Map<String, String> env,
            boolean classData) {

        static Options parse(String[] args) throws IOException {
            String name = DEFAULT_NAME;
            String displayName = null;
            Path javaHome = Path.of(System.getProperty("java.home"));
            Path prefix = null;
            boolean sysPrefix = false;
            boolean classData = true;
            Map<String, String> env = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                boolean takesValue = !SWITCHES.contains(flag);
                if (takesValue && !VALUE_FLAGS.contains(flag) && !ENV_FLAGS.containsKey(flag)) {
                    throw new IllegalArgumentException("unknown option " + flag + "; see ./kernel --help");
                }
                String value = null;
                if (takesValue) {
                    if (arg.contains("=")) {
                        value = arg.substring(arg.indexOf('=') + 1);
                    } else if (i + 1 < args.length) {
                        value = args[++i];
                    } else {
                        throw new IllegalArgumentException(flag + " needs a value");
                    }
                }
                switch (flag) {
                    case "--user" -> { }
                    case "--sys-prefix" -> sysPrefix = true;
                    case "--no-class-data" -> classData = false;
                    case "--prefix" -> prefix = Path.of(value);
                    case "--name" -> name = value;
                    case "--display-name" -> displayName = value;
                    case "--java" -> javaHome = Path.of(value);
                    default -> env.put(ENV_FLAGS.get(flag), value);
                }
            }
            if (!name.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("--name may hold only letters, digits, '.', '_' and '-'");
            }
            Path kernels;
            if (prefix != null) {
                kernels = prefix.resolve("share").resolve("jupyter").resolve("kernels");
            } else if (sysPrefix) {
                kernels = JupyterPaths.sysPrefix().resolve("share").resolve("jupyter").resolve("kernels");
            } else {
                kernels = JupyterPaths.userDataDir(System.getenv()).resolve("kernels");
            }
            return new Options(name, displayName, javaHome.toAbsolutePath().normalize(),
                    kernels.toAbsolutePath().normalize(), env, classData);
        }
    }
}
