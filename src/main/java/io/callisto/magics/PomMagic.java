package io.callisto.magics;

import io.callisto.dependencies.DependencyResolver;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * %loadFromPOM path [scope ...] and %%loadFromPOM [scope ...] (the cell holds a pom, or just its dependencies or
 * repositories): adds the repositories, then resolves the dependencies of those scopes (by default compile,
 * runtime, system and import, as IJava) as %maven does. ${properties} from the pom's properties are filled in.
 */
final class PomMagic implements ClasspathAddingMagic {
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");
    private static final List<String> DEFAULT_SCOPES = List.of("compile", "runtime", "system", "import");

    private final MavenMagic maven;
    private final DependencyResolver resolver;

    PomMagic(MavenMagic maven, DependencyResolver resolver) {
        this.maven = maven;
        this.resolver = resolver;
    }

    @Override
    public String help() {
        return "add a pom's dependencies and repositories: %loadFromPOM pom.xml, or %%loadFromPOM with pom XML";
    }

    @Override
    public boolean isCellMagic() {
        return true;
    }

    /** Adds the pom's repositories and dependencies; returns the jars' paths. */
    @Override
    public List<String> evaluate(String args, String body, MagicContext context) throws Exception {
        List<String> arguments = new ArrayList<>(MagicArgs.split(args));
        String xml;
        if (body == null) {
            Path file = context.workingDirectory().resolve(arguments.isEmpty() ? "" : arguments.remove(0));
            if (args.isBlank() || !Files.isRegularFile(file)) {
                throw new MagicException("%loadFromPOM needs a pom file; there is none at " + file);
            }
            xml = Files.readString(file);
        } else {
            xml = body;
        }
        List<String> scopes = arguments.isEmpty() ? DEFAULT_SCOPES : arguments;
        Document pom = parse(xml);
        Map<String, String> properties = new HashMap<>();
        NodeList propertyBlocks = pom.getElementsByTagName("properties");
        for (int i = 0; i < propertyBlocks.getLength(); i++) {
            NodeList children = propertyBlocks.item(i).getChildNodes();
            for (int j = 0; j < children.getLength(); j++) {
                if (children.item(j) instanceof Element property) {
                    properties.put(property.getTagName(), property.getTextContent().strip());
                }
            }
        }
        NodeList repositories = pom.getElementsByTagName("repository");
        for (int i = 0; i < repositories.getLength(); i++) {
            Element repository = (Element) repositories.item(i);
            String id = text(repository, "id", properties);
            String url = text(repository, "url", properties);
            if (id != null && url != null) {
                resolver.addRepository(id, url);
            }
        }
        List<String> coordinates = new ArrayList<>();
        NodeList dependencies = pom.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            String scope = text(dependency, "scope", properties);
            if (!scopes.contains(scope == null ? "compile" : scope)) {
                continue;
            }
            String group = text(dependency, "groupId", properties);
            String artifact = text(dependency, "artifactId", properties);
            String version = text(dependency, "version", properties);
            if (group == null || artifact == null || version == null) {
                throw new MagicException("a dependency needs groupId, artifactId and version: " + dependency.getTextContent().strip());
            }
            String type = text(dependency, "type", properties);
            String classifier = text(dependency, "classifier", properties);
            coordinates.add(classifier != null
                    ? group + ":" + artifact + ":" + (type == null ? "jar" : type) + ":" + classifier + ":" + version
                    : type != null ? group + ":" + artifact + ":" + type + ":" + version : group + ":" + artifact + ":" + version);
        }
        if (coordinates.isEmpty()) {
            context.out().println("The pom lists no dependencies" + (arguments.isEmpty() ? "." : " of scope " + String.join(", ", scopes) + "."));
            return List.of();
        }
        return maven.add(coordinates, context);
    }

    /** A whole pom, or a fragment of one (dependencies, repositories) wrapped so it parses. */
    private static Document parse(String xml) throws MagicException {
        String stripped = xml.strip().replaceFirst("^<\\?xml[^>]*>", "");
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader("<callisto>" + stripped + "</callisto>")));
        } catch (Exception e) {
            throw new MagicException("the pom is not well-formed XML: " + e.getMessage());
        }
    }

    private static String text(Element parent, String tag, Map<String, String> properties) {
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && element.getTagName().equals(tag)) {
                Matcher matcher = PROPERTY.matcher(element.getTextContent().strip());
                StringBuilder out = new StringBuilder();
                while (matcher.find()) {
                    matcher.appendReplacement(out, Matcher.quoteReplacement(properties.getOrDefault(matcher.group(1), matcher.group())));
                }
                matcher.appendTail(out);
                return out.toString();
            }
        }
        return null;
    }
}
