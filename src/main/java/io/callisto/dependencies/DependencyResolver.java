package io.callisto.dependencies;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.settings.Mirror;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.DefaultSettingsBuilderFactory;
import org.apache.maven.settings.building.DefaultSettingsBuildingRequest;
import org.apache.maven.settings.building.SettingsBuildingException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.transfer.TransferListener;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.DefaultAuthenticationSelector;
import org.eclipse.aether.util.repository.DefaultMirrorSelector;
import org.eclipse.aether.util.repository.DefaultProxySelector;

/**
 * Resolves Maven coordinates to jars, transitively, with Apache Maven Resolver, as Maven itself would:
 * the user's settings.xml (local repository, offline, mirrors, proxies, server credentials) is honoured,
 * and ~/.m2/repository is the cache. Repositories added with %mavenRepo join Maven Central.
 */
public final class DependencyResolver {
    private static final RemoteRepository CENTRAL =
            new RemoteRepository.Builder("central", "default", "https://repo.maven.apache.org/maven2/").build();

    private final Path settingsFile;
    private final Path home;
    private final List<RemoteRepository> repositories = new ArrayList<>(List.of(CENTRAL));
    private RepositorySystem system;

    /** @param env the environment: HOME, and CALLISTO_MAVEN_SETTINGS for a settings.xml elsewhere */
    public DependencyResolver(Map<String, String> env) {
        String homeVariable = env.get("HOME");
        home = Path.of(homeVariable != null && !homeVariable.isBlank() ? homeVariable : System.getProperty("user.home"));
        String settings = env.get("CALLISTO_MAVEN_SETTINGS");
        settingsFile = settings != null && !settings.isBlank() ? Path.of(settings) : home.resolve(".m2").resolve("settings.xml");
    }

    public synchronized void addRepository(String id, String url) {
        repositories.removeIf(repository -> repository.getId().equals(id));
        repositories.add(new RemoteRepository.Builder(id, "default", url).build());
    }

    /**
     * The jars of these coordinates (groupId:artifactId[:extension[:classifier]]:version) and everything they
     * need at run time.
     *
     * @throws ResolutionFailure naming the artifact and the reason
     */
    public synchronized List<Path> resolve(List<String> coordinates, TransferListener progress) throws ResolutionFailure {
        Settings settings = readSettings();
        if (system == null) {
            system = new RepositorySystemSupplier().get();
        }
        Path localRepository = settings.getLocalRepository() != null && !settings.getLocalRepository().isBlank()
                ? Path.of(settings.getLocalRepository())
                : home.resolve(".m2").resolve("repository");
        // Maven 3's defaults: test and provided scopes and optional dependencies of dependencies are left out,
        // and version conflicts are settled nearest-first, as a Maven build would.
        try (RepositorySystemSession.CloseableSession session = new SessionBuilderSupplier(system).get()
                .withLocalRepositoryBaseDirectories(localRepository)
                .setOffline(settings.isOffline())
                .setMirrorSelector(mirrors(settings))
                .setProxySelector(proxies(settings))
                .setAuthenticationSelector(credentials(settings))
                .setSystemProperties(System.getProperties())
                .withTransferListener(progress)
                .build()) {
            CollectRequest collect = new CollectRequest();
            for (String coordinate : coordinates) {
                try {
                    collect.addDependency(new Dependency(new DefaultArtifact(coordinate), JavaScopes.RUNTIME));
                } catch (IllegalArgumentException e) {
                    throw new ResolutionFailure("'" + coordinate + "' is not a Maven coordinate: write groupId:artifactId:version");
                }
            }
            collect.setRepositories(system.newResolutionRepositories(session, repositories));
            DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
            List<Path> jars = new ArrayList<>();
            for (ArtifactResult result : system.resolveDependencies(session, request).getArtifactResults()) {
                if (result.getArtifact() != null && result.getArtifact().getPath() != null) {
                    jars.add(result.getArtifact().getPath());
                }
            }
            return jars;
        } catch (DependencyResolutionException e) {
            throw new ResolutionFailure(explain(e, settings.isOffline()));
        }
    }

    private static String explain(DependencyResolutionException e, boolean offline) {
        StringBuilder why = new StringBuilder("could not resolve: ");
        Throwable cause = e;
        String deepest = e.getMessage();
        while (cause != null) {
            if (cause.getMessage() != null) {
                deepest = cause.getMessage();
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        why.append(e.getMessage());
        if (deepest != null && !deepest.equals(e.getMessage())) {
            why.append(" (").append(deepest).append(')');
        }
        if (offline) {
            why.append(". settings.xml says offline: only what is already in the local repository can be used");
        }
        return why.toString();
    }

    private Settings readSettings() throws ResolutionFailure {
        if (!Files.isRegularFile(settingsFile)) {
            return new Settings();
        }
        DefaultSettingsBuildingRequest request = new DefaultSettingsBuildingRequest()
                .setUserSettingsFile(settingsFile.toFile())
                .setSystemProperties(System.getProperties())
                .setUserProperties(new Properties());
        try {
            return new DefaultSettingsBuilderFactory().newInstance().build(request).getEffectiveSettings();
        } catch (SettingsBuildingException e) {
            throw new ResolutionFailure("cannot read " + settingsFile + ": " + e.getMessage());
        }
    }

    private static DefaultMirrorSelector mirrors(Settings settings) {
        DefaultMirrorSelector selector = new DefaultMirrorSelector();
        for (Mirror mirror : settings.getMirrors()) {
            selector.add(mirror.getId(), mirror.getUrl(), mirror.getLayout(), false, mirror.isBlocked(),
                    mirror.getMirrorOf(), mirror.getMirrorOfLayouts());
        }
        return selector;
    }

    private static DefaultProxySelector proxies(Settings settings) {
        DefaultProxySelector selector = new DefaultProxySelector();
        for (org.apache.maven.settings.Proxy proxy : settings.getProxies()) {
            if (!proxy.isActive()) {
                continue;
            }
            AuthenticationBuilder auth = new AuthenticationBuilder()
                    .addUsername(proxy.getUsername()).addPassword(proxy.getPassword());
            selector.add(new org.eclipse.aether.repository.Proxy(proxy.getProtocol(), proxy.getHost(), proxy.getPort(),
                    auth.build()), proxy.getNonProxyHosts());
        }
        return selector;
    }

    private static DefaultAuthenticationSelector credentials(Settings settings) {
        DefaultAuthenticationSelector selector = new DefaultAuthenticationSelector();
        for (Server server : settings.getServers()) {
            selector.add(server.getId(), new AuthenticationBuilder()
                    .addUsername(server.getUsername()).addPassword(server.getPassword())
                    .addPrivateKey(server.getPrivateKey(), server.getPassphrase()).build());
        }
        return selector;
    }

    /** Resolution that failed, with a message naming the artifact and the reason. */
    public static final class ResolutionFailure extends Exception {
        public ResolutionFailure(String message) {
            super(message);
        }
    }
}
