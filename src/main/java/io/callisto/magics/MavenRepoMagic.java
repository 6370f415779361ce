package io.callisto.magics;

import io.callisto.dependencies.DependencyResolver;
import io.callisto.engine.Engine;
import io.callisto.engine.Engine.CellOutcome;

/** %mavenRepo id url — one more repository for %maven, beside Maven Central. */
final class MavenRepoMagic implements Magic {
    private final DependencyResolver resolver;

    MavenRepoMagic(DependencyResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public String help() {
        return "add a Maven repository: %mavenRepo id url";
    }

    @Override
    public CellOutcome run(String args, String body, MagicContext context) throws Exception {
        String[] parts = MagicArgs.split(args).toArray(String[]::new);
        if (parts.length != 2) {
            throw new MagicException("%mavenRepo needs an id and a URL: %mavenRepo jitpack https://jitpack.io");
        }
        resolver.addRepository(parts[0], parts[1]);
        context.out().println("Added repository " + parts[0] + ": " + parts[1]);
        return new Engine.Success(null);
    }
}
