package io.callisto.notebook;

/**
 * What the kernel writes in place of a magic that has no value, when a magic is used inside Java code
 * ({@code Object r = %mavenRepo id url;}): null, as IJava's {@code lineMagic} returns, in a form that is
 * also a valid statement and fits any declared type.
 */
public final class MagicValue {
    private MagicValue() {
    }

    /**
     * The value of a magic that has none.
     *
     * @param <T> whatever type the code expects
     * @return null
     */
    public static <T> T none() {
        return null;
    }
}
