package io.callisto.widgets;

import java.util.List;

/**
 * A link the frontend keeps between two widgets' traits, without the kernel (ipywidgets' {@code Link},
 * {@code LinkModel}; {@code DirectionalLinkModel} when one-way). Made by {@link Widgets#jslink} and
 * {@link Widgets#jsdlink}; {@code source} and {@code target} are [widget, trait name] pairs.
 */
public final class Link extends Widget<Link> {
    Link(String modelName, Widget<?> source, String sourceTrait, Widget<?> target, String targetTrait) {
        super(new Model(modelName, Model.CONTROLS, Model.VERSION, null, Model.CONTROLS, Model.VERSION));
        trait("source", Kind.ANY, List.of(source, sourceTrait));
        trait("target", Kind.ANY, List.of(target, targetTrait));
    }

    /** [widget, trait name]. */
    @SuppressWarnings("unchecked")
    public List<Object> source() {
        return (List<Object>) get("source");
    }

    @SuppressWarnings("unchecked")
    public List<Object> target() {
        return (List<Object>) get("target");
    }

    /** Ends the link: closes its model. */
    public void unlink() {
        close();
    }
}
