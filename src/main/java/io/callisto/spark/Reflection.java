package io.callisto.spark;

import java.lang.reflect.Method;

/** Calls on Spark's objects, which this package reaches only by reflection (Spark comes with a notebook's %maven). */
final class Reflection {
    private Reflection() {
    }

    /**
     * Scala's companion object of a class ({@code SparkContext$.MODULE$}), where its "static" methods and fields live.
     *
     * @param className the class's binary name, without the {@code $}
     * @return the object, or null when {@code loader} has no such class (no Spark)
     */
    static Object companion(ClassLoader loader, String className) throws ReflectiveOperationException {
        try {
            return Class.forName(className + "$", false, loader).getField("MODULE$").get(null);
        } catch (ClassNotFoundException | LinkageError absent) {
            return null;
        }
    }

    /**
     * Calls a public method of {@code target} by name: one without parameters, or one whose single parameter is an
     * int ({@code Dataset.take(int)}, {@code Row.get(int)}).
     *
     * @return what the method returns (a primitive boxed)
     * @throws NoSuchMethodException when the target has no such method
     * @throws java.lang.reflect.InvocationTargetException when the method throws
     */
    static Object call(Object target, String name, Object... args) throws ReflectiveOperationException {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length
                    && (args.length == 0 || m.getParameterTypes()[0] == int.class)) {
                m.setAccessible(true);  // a public method of a class that is not (Scala's Option subclasses)
                return m.invoke(target, args);
            }
        }
        throw new NoSuchMethodException(target.getClass().getName() + "." + name);
    }
}
