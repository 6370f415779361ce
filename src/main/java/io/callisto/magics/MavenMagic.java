package io.callisto.magics;

import io.callisto.dependencies.DependencyResolver;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.aether.transfer.AbstractTransferListener;
import org.eclipse.aether.transfer.TransferEvent;

/**
 * %maven group:artifact:version … — resolves the artifacts and what they need (Maven Resolver, honouring
 * settings.xml), adds the jars to the classpath, and shows a progress line that a one-line summary
 * replaces when done. A failure names the artifact and the reason and leaves the session as it was.
 */
final class MavenMagic implements ClasspathAddingMagic {
    private final DependencyResolver resolver;

    MavenMagic(DependencyResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public String help() {
        return "add Maven artifacts and their dependencies: %maven group:artifact:version ...";
    }

    /** Resolves and adds the artifacts; returns the jars' paths. */
    @Override
    public List<String> evaluate(String args, String body, MagicContext context) throws Exception {
        List<String> coordinates = MagicArgs.split(args);
        if (coordinates.isEmpty()) {
            throw new MagicException("%maven needs coordinates: %maven group:artifact:version");
        }
        return add(coordinates, context);
    }

    /** Resolves the coordinates, adds the jars to the classpath and returns their paths. */
    List<String> add(List<String> coordinates, MagicContext context) throws MagicException {
        String displayId = UUID.randomUUID().toString();
        String label = String.join(", ", coordinates);
        context.display("display_data", Map.of("text/plain", "Resolving " + label + " …"), displayId);
        Progress progress = new Progress(context, displayId, label);
        List<Path> jars;
        try {
            jars = resolver.resolve(coordinates, progress);
        } catch (DependencyResolver.ResolutionFailure e) {
            context.display("update_display_data", Map.of("text/plain", "Could not resolve " + label), displayId);
            throw new MagicException(e.getMessage());
        }
        for (Path jar : jars) {
            context.engine().addToClasspath(jar.toString());
        }
        String summary = String.format(Locale.ROOT, "Added %s: %d jar%s on the classpath%s", label, jars.size(),
                jars.size() == 1 ? "" : "s", progress.downloaded() > 0
                        ? String.format(Locale.ROOT, " (%d downloaded, %.1f MB)", progress.downloaded(), progress.bytes() / 1e6) : "");
        context.display("update_display_data", Map.of("text/plain", summary), displayId);
        return jars.stream().map(Path::toString).toList();
    }

    /** Updates the progress line as files arrive, at most a few times a second. */
    private static final class Progress extends AbstractTransferListener {
        private final MagicContext context;
        private final String displayId;
        private final String label;
        private final AtomicInteger files = new AtomicInteger();
        private final AtomicLong bytes = new AtomicLong();
        private volatile long lastUpdate;

        Progress(MagicContext context, String displayId, String label) {
            this.context = context;
            this.displayId = displayId;
            this.label = label;
        }

        @Override
        public void transferSucceeded(TransferEvent event) {
            files.incrementAndGet();
            bytes.addAndGet(event.getTransferredBytes());
            long now = System.nanoTime();
            if (now - lastUpdate > 500_000_000L) {
                lastUpdate = now;
                context.display("update_display_data", Map.of("text/plain", String.format(Locale.ROOT,
                        "Resolving %s … %d files, %.1f MB downloaded", label, files.get(), bytes.get() / 1e6)), displayId);
            }
        }

        int downloaded() {
            return files.get();
        }

        long bytes() {
            return bytes.get();
        }
    }
}
