"""Papermill's parameters as typed Java declarations for Callisto (any JShell-based kernel, in fact).

The injected cell comes right after the notebook's `parameters` cell; JShell lets a declaration replace an
earlier one of the same name, so `int alpha = 2;` there simply supersedes the default `int alpha = 1;`.

Types follow the values: int, long (beyond int), BigInteger (beyond long), double, boolean, String,
List<T> and Map<K, V> with the element types inferred from the contents (Object when they disagree).
Lists are `List.of(...)`, or `Arrays.asList(...)` when they hold a null, which `List.of` rejects. Maps are
`LinkedHashMap`s filled with `put` statements: Java has no map literal that keeps insertion order (the
iteration order of `Map.of` changes from one JVM to the next), and a report should print a map the way the
parameters gave it. The `put`s go in a `{ }` block: as top-level statements JShell would keep each one's
result as a `$N` variable and the kernel would show the last as the cell's value. A map nested in a list or
map is built in a local variable inside that block, so the helper names do not outlive the cell.
"""
import math
import re

from papermill.models import Parameter
from papermill.translators import Translator

INT_MIN, INT_MAX = -(2**31), 2**31 - 1
LONG_MIN, LONG_MAX = -(2**63), 2**63 - 1

# Reserved words and literals (JLS 3.9, 3.10.3, 3.10.7); `_` is a keyword since Java 9. Contextual words such
# as var, record or yield remain legal variable names.
JAVA_RESERVED = frozenset(
    """abstract assert boolean break byte case catch char class const continue default do double else enum
    extends final finally float for goto if implements import instanceof int interface long native new package
    private protected public return short static strictfp super switch synchronized this throw throws transient
    try void volatile while true false null _""".split()
)

PRIMITIVE_TYPE_NAMES = frozenset("boolean byte char double float int long short".split())
STATEMENT_WORDS = JAVA_RESERVED - PRIMITIVE_TYPE_NAMES

NAMED_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


# Java types as small tuples: ("Integer",), ("List", element), ("Map", key, value). BOTTOM is what null and
# empty collections contribute: nothing, so they fit any type.
BOTTOM = ("?",)
OBJECT = ("Object",)
INTEGER, LONG, BIG_INTEGER, DOUBLE = ("Integer",), ("Long",), ("BigInteger",), ("Double",)
BOOLEAN, STRING = ("Boolean",), ("String",)
PRIMITIVES = {INTEGER: "int", LONG: "long", DOUBLE: "double", BOOLEAN: "boolean"}
# Which numeric types widen into which without losing a value: an int is exact as a double, a long may not be.
NUMERIC_JOINS = {
    frozenset({INTEGER, LONG}): LONG,
    frozenset({INTEGER, BIG_INTEGER}): BIG_INTEGER,
    frozenset({LONG, BIG_INTEGER}): BIG_INTEGER,
    frozenset({INTEGER, DOUBLE}): DOUBLE,
}


def check_identifier(name):
    """Raise ValueError unless `name` can be a Java variable name."""
    if not isinstance(name, str) or not name:
        raise ValueError(f"papermill parameter name {name!r} is not a valid Java identifier")
    if name in JAVA_RESERVED:
        raise ValueError(
            f"papermill parameter '{name}' cannot be a Java variable: '{name}' is a reserved word in Java. "
            "Rename the parameter (in the notebook's parameters cell and on papermill's command line)."
        )
    # Python's identifier rules are Unicode's, as Java's are; Java also allows '$'.
    plain = name.replace("$", "_")
    if not plain.isidentifier():
        raise ValueError(
            f"papermill parameter '{name}' cannot be a Java variable: a Java identifier starts with a letter, "
            "'_' or '$' and continues with letters, digits, '_' or '$'. Rename the parameter "
            "(for example 'my_param' instead of 'my-param')."
        )


def type_of(value):
    """The Java type that holds `value`, with element types inferred for lists and maps."""
    if value is None:
        return BOTTOM
    if isinstance(value, bool):
        return BOOLEAN
    if isinstance(value, int):
        if INT_MIN <= value <= INT_MAX:
            return INTEGER
        return LONG if LONG_MIN <= value <= LONG_MAX else BIG_INTEGER
    if isinstance(value, float):
        return DOUBLE
    if isinstance(value, (list, tuple)):
        element = BOTTOM
        for item in value:
            element = join(element, type_of(item))
        return ("List", element)
    if isinstance(value, dict):
        key, element = BOTTOM, BOTTOM
        for k, v in value.items():
            key, element = join(key, type_of(k)), join(element, type_of(v))
        return ("Map", key, element)
    return STRING  # str, and anything else YAML may produce (dates), which becomes its text


def join(a, b):
    """The most specific type that holds values of both types."""
    if a == BOTTOM or a == b:
        return b
    if b == BOTTOM:
        return a
    if a[0] == b[0] == "List":
        return ("List", join(a[1], b[1]))
    if a[0] == b[0] == "Map":
        return ("Map", join(a[1], b[1]), join(a[2], b[2]))
    return NUMERIC_JOINS.get(frozenset({a, b}), OBJECT)


def type_name(java_type, declaration=False):
    """Java source for a type; a declaration's scalar types are primitives (`int alpha`, not `Integer`)."""
    if declaration and java_type in PRIMITIVES:
        return PRIMITIVES[java_type]
    if java_type[0] == "List":
        return f"List<{type_name(java_type[1])}>"
    if java_type[0] == "Map":
        # A map nobody put a key in is most likely keyed by strings, as JSON and YAML maps are.
        key = STRING if java_type[1] == BOTTOM else java_type[1]
        return f"Map<{type_name(key)}, {type_name(java_type[2])}>"
    return "Object" if java_type == BOTTOM else java_type[0]


def string_literal(text):
    """A Java string literal: named escapes where Java has them, \\u escapes for other invisible characters.

    javac decodes \\u escapes before it reads the literal, so \\u000a would be a real line break; that is
    safe here because line breaks, quotes and backslashes all have named escapes. Visible non-ASCII
    characters (é, 😀) stay as they are, so the cell reads well.
    """
    parts = ['"']
    for char in str(text):
        code = ord(char)
        if char in NAMED_ESCAPES:
            parts.append(NAMED_ESCAPES[char])
        elif char.isprintable():
            parts.append(char)
        elif code > 0xFFFF:
            high, low = 0xD800 + ((code - 0x10000) >> 10), 0xDC00 + ((code - 0x10000) & 0x3FF)
            parts.append(f"\\u{high:04x}\\u{low:04x}")
        else:
            parts.append(f"\\u{code:04x}")
    parts.append('"')
    return "".join(parts)


def double_literal(value):
    if math.isnan(value):
        return "Double.NaN"
    if math.isinf(value):
        return "Double.POSITIVE_INFINITY" if value > 0 else "Double.NEGATIVE_INFINITY"
    return repr(float(value))  # shortest text that reads back as the same double, e.g. 0.1, 1e-05, 1e+16


def int_literal(value, java_type):
    """An integer as the type that will hold it: 5, 5L, 5.0 or new BigInteger("5")."""
    if java_type == DOUBLE:
        return double_literal(float(value))
    if java_type in (BOTTOM, OBJECT):
        java_type = type_of(value)
    if java_type == LONG:
        return f"{value}L"
    if java_type == BIG_INTEGER:
        return f'new BigInteger("{value}")'
    return str(value)


class Builder:
    """Turns one parameter's value into Java, collecting the statements that nested maps need."""

    def __init__(self, name):
        self.name = name
        self.statements = []
        self.helpers = 0

    def expression(self, value, java_type):
        """Java for `value` as a `java_type`; a nested map becomes a helper variable, declared in statements."""
        if value is None:
            return "null"
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int):
            return int_literal(value, java_type)
        if isinstance(value, float):
            return double_literal(value)
        if isinstance(value, (list, tuple)):
            return self.list_expression(value, java_type)
        if isinstance(value, dict):
            self.helpers += 1
            helper = f"{self.name}Map{self.helpers}"
            self.fill_map(helper, value, java_type, declare=True)
            return helper
        return string_literal(value)

    def list_expression(self, values, java_type):
        element = java_type[1] if java_type[0] == "List" else type_of(values)[1]
        items = [self.expression(item, element) for item in values]
        if not any(item is None for item in values):
            return f"List.of({', '.join(items)})"
        if len(items) == 1:
            # Arrays.asList(null) would take the null for the whole varargs array.
            return f"Arrays.asList(({type_name(element)}) null)"
        return f"Arrays.asList({', '.join(items)})"

    def fill_map(self, variable, mapping, java_type, declare):
        if java_type[0] != "Map":
            java_type = type_of(mapping)
        if declare:
            self.statements.append(f"{type_name(java_type)} {variable} = new LinkedHashMap<>();")
        for key, value in mapping.items():
            key_java = self.expression(key, java_type[1])
            value_java = self.expression(value, java_type[2])
            self.statements.append(f"{variable}.put({key_java}, {value_java});")


def declaration(name, value):
    """The lines that declare parameter `name` with `value`, its type written out."""
    check_identifier(name)
    java_type = type_of(value)
    declared = type_name(java_type, declaration=True)
    builder = Builder(name)
    if isinstance(value, dict):
        builder.fill_map(name, value, java_type, declare=False)
        return [f"{declared} {name} = new LinkedHashMap<>();"] + block(builder.statements)
    expression = builder.expression(value, java_type)
    if not builder.statements:
        return [f"{declared} {name} = {expression};"]
    # A list holding maps: the maps are built first, in a block, and the list assigned there.
    return [f"{declared} {name};"] + block(builder.statements + [f"{name} = {expression};"])


def block(statements):
    if not statements:
        return []
    return ["{"] + [f"    {statement}" for statement in statements] + ["}"]


class JavaTranslator(Translator):
    """Papermill translator for language "java": parameters become typed JShell declarations."""

    # A parameters cell line such as `final List<String> names = List.of("a"); // help text`.
    DECLARATION = re.compile(
        r"^\s*(?:final\s+)?(?P<type>[\w$.]+(?:\s*<.*>)?(?:\s*\[\s*\])*)\s+(?P<name>[\w$]+)\s*=\s*"
        r"(?P<value>.*?)\s*;\s*(?://\s*(?P<help>.*))?$"
    )

    @classmethod
    def translate_none(cls, val):
        return "null"

    @classmethod
    def translate_str(cls, val):
        return string_literal(val)

    @classmethod
    def translate_escaped_str(cls, str_val):
        return string_literal(str_val)

    @classmethod
    def translate_int(cls, val):
        return int_literal(val, type_of(val))

    @classmethod
    def translate_float(cls, val):
        return double_literal(val)

    @classmethod
    def translate_list(cls, val):
        builder = Builder("value")
        expression = builder.list_expression(val, type_of(val))
        if builder.statements:
            raise NotImplementedError("a list holding maps needs statements; codify declares it")
        return expression

    @classmethod
    def comment(cls, cmt_str):
        return "\n".join(f"// {line}".rstrip() for line in str(cmt_str).splitlines() or [""])

    @classmethod
    def codify(cls, parameters, comment="Parameters"):
        lines = [cls.comment(comment)]
        for name, value in parameters.items():
            lines.extend(declaration(name, value))
        return "\n".join(lines) + "\n"

    @classmethod
    def inspect(cls, parameters_cell):
        """The declarations of a parameters cell, one per line, for `papermill --help-notebook`."""
        params = []
        for line in parameters_cell["source"].splitlines():
            match = cls.DECLARATION.match(line)
            if not match or match["type"] in STATEMENT_WORDS:
                continue  # `else x = 1;` and the like: a statement, not a declaration
            type_text = match["type"]
            params.append(
                Parameter(
                    name=match["name"],
                    inferred_type_name="None" if type_text == "var" else type_text,
                    default=match["value"],
                    help=(match["help"] or "").strip(),
                )
            )
        return params
