"""The Java translator's output for each kind of parameter, and a JDK check that the output compiles in JShell
and holds the values papermill passed. No kernel needed."""
import math
import os
import pathlib
import shutil
import subprocess
import sys

import pytest
from papermill.translators import papermill_translators

from callisto_papermill import JavaTranslator


def declared(**parameters):
    """The injected cell's lines after the comment."""
    return JavaTranslator.codify(parameters).splitlines()[1:]


# Scalars


@pytest.mark.parametrize(
    "value, line",
    [
        (1, "int x = 1;"),
        (-7, "int x = -7;"),
        (2**31 - 1, "int x = 2147483647;"),
        (-(2**31), "int x = -2147483648;"),
        (2**31, "long x = 2147483648L;"),
        (-(2**31) - 1, "long x = -2147483649L;"),
        (2**63 - 1, "long x = 9223372036854775807L;"),
        (2**63, 'BigInteger x = new BigInteger("9223372036854775808");'),
        (0.5, "double x = 0.5;"),
        (1.0, "double x = 1.0;"),
        (1e-05, "double x = 1e-05;"),
        (1e16, "double x = 1e+16;"),
        (-0.0, "double x = -0.0;"),
        (float("nan"), "double x = Double.NaN;"),
        (math.inf, "double x = Double.POSITIVE_INFINITY;"),
        (-math.inf, "double x = Double.NEGATIVE_INFINITY;"),
        (True, "boolean x = true;"),
        (False, "boolean x = false;"),
        (None, "Object x = null;"),
        ("hello", 'String x = "hello";'),
        ("", 'String x = "";'),
    ],
)
def test_scalar_declarations(value, line):
    assert declared(x=value) == [line]


@pytest.mark.parametrize(
    "text, literal",
    [
        ('say "hi"', r'"say \"hi\""'),
        ("C:\\temp\\new", r'"C:\\temp\\new"'),
        # A backslash before u must stay doubled, or javac would read \u0041 as a Unicode escape.
        ("\\u0041", r'"\\u0041"'),
        ("one\ntwo\r\nthree\tfour\b\f", r'"one\ntwo\r\nthree\tfour\b\f"'),
        ("\x00\x01\x1b\x7f\x85\xa0", r'"\u0000\u0001\u001b\u007f\u0085\u00a0"'),
        ("line\u2028sep\u200bzero-width", r'"line\u2028sep\u200bzero-width"'),
        ("café 日本 😀", '"café 日本 😀"'),
        ("tag\U000e0041", r'"tag\udb40\udc41"'),
        ("\ud800 lone surrogate", r'"\ud800 lone surrogate"'),
    ],
)
def test_string_escaping(text, literal):
    assert declared(s=text) == [f"String s = {literal};"]


def test_other_yaml_values_become_their_text():
    import datetime

    assert declared(day=datetime.date(2024, 2, 29)) == ['String day = "2024-02-29";']


# Lists


@pytest.mark.parametrize(
    "value, line",
    [
        ([1, 2, 3], "List<Integer> x = List.of(1, 2, 3);"),
        ([1, 2**40], "List<Long> x = List.of(1L, 1099511627776L);"),
        ([1, 2.5], "List<Double> x = List.of(1.0, 2.5);"),
        ([0.5, float("nan")], "List<Double> x = List.of(0.5, Double.NaN);"),
        (["a", "b"], 'List<String> x = List.of("a", "b");'),
        ([True, False], "List<Boolean> x = List.of(true, false);"),
        ([1, "a", True], 'List<Object> x = List.of(1, "a", true);'),
        ([1, 2**40, "a"], 'List<Object> x = List.of(1, 1099511627776L, "a");'),
        ([2**40, 0.5], "List<Object> x = List.of(1099511627776L, 0.5);"),
        ([], "List<Object> x = List.of();"),
        ([1, None], "List<Integer> x = Arrays.asList(1, null);"),
        (["a", None, "b"], 'List<String> x = Arrays.asList("a", null, "b");'),
        ([None], "List<Object> x = Arrays.asList((Object) null);"),
        ([[1, 2], [3]], "List<List<Integer>> x = List.of(List.of(1, 2), List.of(3));"),
        ([[1], [2**40]], "List<List<Long>> x = List.of(List.of(1L), List.of(1099511627776L));"),
        ([[1], ["a"]], 'List<List<Object>> x = List.of(List.of(1), List.of("a"));'),
        ([[1], []], "List<List<Integer>> x = List.of(List.of(1), List.of());"),
        ([["a"], [None]], 'List<List<String>> x = List.of(List.of("a"), Arrays.asList((String) null));'),
        ((1, 2), "List<Integer> x = List.of(1, 2);"),
    ],
)
def test_list_declarations(value, line):
    assert declared(x=value) == [line]


def test_long_lists_use_list_of_varargs():
    assert declared(x=list(range(12))) == [f"List<Integer> x = List.of({', '.join(map(str, range(12)))});"]


# Maps


def test_map_keeps_the_given_order():
    assert declared(sizes={"small": 1, "large": 3, "medium": 2}) == [
        "Map<String, Integer> sizes = new LinkedHashMap<>();",
        "{",
        '    sizes.put("small", 1);',
        '    sizes.put("large", 3);',
        '    sizes.put("medium", 2);',
        "}",
    ]


def test_map_value_types_are_inferred():
    assert declared(m={"a": 1, "b": 2**40})[0] == "Map<String, Long> m = new LinkedHashMap<>();"
    assert declared(m={"a": 1, "b": 2**40})[2] == '    m.put("a", 1L);'
    assert declared(m={"a": 1, "b": 0.5})[2] == '    m.put("a", 1.0);'
    assert declared(m={"a": 1, "b": "x"})[0] == "Map<String, Object> m = new LinkedHashMap<>();"
    assert declared(m={"a": [1], "b": [2]})[0] == "Map<String, List<Integer>> m = new LinkedHashMap<>();"


def test_map_with_more_than_ten_entries_and_null_values():
    lines = declared(m={f"k{i}": (None if i == 5 else i) for i in range(12)})
    assert lines[0] == "Map<String, Integer> m = new LinkedHashMap<>();"
    assert lines[2:-1] == [f'    m.put("k{i}", {"null" if i == 5 else i});' for i in range(12)]


def test_empty_map_and_non_string_keys():
    assert declared(m={}) == ["Map<String, Object> m = new LinkedHashMap<>();"]
    assert declared(m={1: "one", 2: "two"})[:3] == [
        "Map<Integer, String> m = new LinkedHashMap<>();",
        "{",
        '    m.put(1, "one");',
    ]


def test_nested_maps_are_built_in_block_locals():
    assert declared(config={"name": "run", "db": {"host": "h", "port": 5432}, "tags": [{"a": 1}]}) == [
        "Map<String, Object> config = new LinkedHashMap<>();",
        "{",
        '    config.put("name", "run");',
        "    Map<String, Object> configMap1 = new LinkedHashMap<>();",
        '    configMap1.put("host", "h");',
        '    configMap1.put("port", 5432);',
        '    config.put("db", configMap1);',
        "    Map<String, Integer> configMap2 = new LinkedHashMap<>();",
        '    configMap2.put("a", 1);',
        '    config.put("tags", List.of(configMap2));',
        "}",
    ]


def test_list_of_maps_is_assigned_in_a_block():
    assert declared(rows=[{"a": 1}, {"a": 2.5}]) == [
        "List<Map<String, Double>> rows;",
        "{",
        "    Map<String, Double> rowsMap1 = new LinkedHashMap<>();",
        '    rowsMap1.put("a", 1.0);',
        "    Map<String, Double> rowsMap2 = new LinkedHashMap<>();",
        '    rowsMap2.put("a", 2.5);',
        "    rows = List.of(rowsMap1, rowsMap2);",
        "}",
    ]


# Names, comments, the cell as a whole


@pytest.mark.parametrize("name", ["class", "int", "new", "null", "true", "_", "goto"])
def test_java_keywords_are_refused_with_a_readable_message(name):
    with pytest.raises(ValueError, match=f"'{name}' is a reserved word in Java"):
        JavaTranslator.codify({name: 1})


@pytest.mark.parametrize("name", ["my-param", "2fast", "with space", "a.b", ""])
def test_invalid_identifiers_are_refused(name):
    with pytest.raises(ValueError, match="not a valid Java identifier|Java identifier starts with"):
        JavaTranslator.codify({name: 1})


@pytest.mark.parametrize("name", ["alpha", "_x", "$price", "camelCase1", "var", "record", "größe"])
def test_legal_names_are_accepted(name):
    assert declared(**{name: 1}) == [f"int {name} = 1;"]


def test_codify_writes_a_comment_then_one_declaration_per_parameter():
    code = JavaTranslator.codify({"alpha": 1, "name": "Ada"}, comment="Injected\nby papermill")
    assert code == '// Injected\n// by papermill\nint alpha = 1;\nString name = "Ada";\n'


def test_papermill_uses_it_for_the_java_language():
    assert papermill_translators.find_translator("any-kernel-name", "java") is JavaTranslator


def test_installed_entry_point_registers_it_in_a_fresh_papermill():
    """Papermill alone (no import of this package) must find the translator: that is what the CLI does."""
    probe = (
        "from papermill.translators import papermill_translators as t; "
        "print(t.find_translator('callisto', 'java').__name__)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd="/")
    assert result.returncode == 0 and result.stdout.strip() == "JavaTranslator", (
        "papermill does not find the Java translator; install the package: pip install ./papermill\n"
        + result.stderr
    )


def test_inspect_reads_the_parameters_cell():
    cell = {
        "source": 'int alpha = 1; // how many\nfinal String name = "a;b";\nList<Integer> xs = List.of(1, 2);\n'
        "var guess = 0.5;\n// a comment\nalpha = 3;\nif (x) y = 2;\nMap<String, List<Integer>> m = Map.of();"
    }
    found = [(p.name, p.inferred_type_name, p.default, p.help) for p in JavaTranslator.inspect(cell)]
    assert found == [
        ("alpha", "int", "1", "how many"),
        ("name", "String", '"a;b"', ""),
        ("xs", "List<Integer>", "List.of(1, 2)", ""),
        ("guess", "None", "0.5", ""),
        ("m", "Map<String, List<Integer>>", "Map.of()", ""),
    ]


# The JDK's verdict


def find_jshell():
    candidates = [os.path.join(os.environ.get("JAVA_HOME", ""), "bin", "jshell"), shutil.which("jshell")]
    candidates += sorted(str(p) for p in pathlib.Path("/usr/lib/jvm").glob("*/bin/jshell"))
    return next((c for c in candidates if c and os.access(c, os.X_OK)), None)


# Each parameter with the line `/vars` prints for it (type, name, value as JShell shows it).
COMPILE_SAMPLE = {
    "alpha": (41, "int alpha = 41"),
    "big": (2**40, "long big = 1099511627776"),
    "huge": (2**70, "BigInteger huge = 1180591620717411303424"),
    "ratio": (0.1, "double ratio = 0.1"),
    "tiny": (1e-05, "double tiny = 1.0E-5"),
    "nan": (float("nan"), "double nan = NaN"),
    "neg_inf": (-math.inf, "double neg_inf = -Infinity"),
    "flag": (True, "boolean flag = true"),
    "nothing": (None, "Object nothing = null"),
    "record": (1, "int record = 1"),
    "counts": ([1, 2, 3], "List<Integer> counts = [1, 2, 3]"),
    "longs": ([1, 2**40], "List<Long> longs = [1, 1099511627776]"),
    "doubles": ([1, 2.5], "List<Double> doubles = [1.0, 2.5]"),
    "mixed": ([1, "a", None], "List<Object> mixed = [1, a, null]"),
    "single_null": ([None], "List<Object> single_null = [null]"),
    "empty": ([], "List<Object> empty = []"),
    "nested": ([[1], ["a"], [None]], "List<List<Object>> nested = [[1], [a], [null]]"),
    "sizes": ({"small": 1, "large": 3}, "Map<String, Integer> sizes = {small=1, large=3}"),
    "many": ({f"k{i}": i for i in range(11)}, "Map<String, Integer> many = {"
             + ", ".join(f"k{i}={i}" for i in range(11)) + "}"),
    "config": (
        {"db": {"host": "h", "port": 5432}, "tags": [{"a": 1}, {"b": None}], "none": None},
        "Map<String, Object> config = {db={host=h, port=5432}, tags=[{a=1}, {b=null}], none=null}",
    ),
    "rows": ([{"a": 1}, {"a": 2.5}], "List<Map<String, Double>> rows = [{a=1.0}, {a=2.5}]"),
}
# Strings are checked by their code points, which survive any console encoding.
STRING_SAMPLE = ['plain', 'quote " backslash \\ \\u0041', "lines\n\r\ttab\x00\x01\x7f\x85\u2028",
                 "café 日本 😀 \U000e0041", "\ud800"]


@pytest.fixture(scope="module")
def jshell():
    path = find_jshell()
    if path is None:
        pytest.skip("no jshell (JDK) found: set JAVA_HOME")
    return path


def test_declarations_compile_and_hold_the_values_in_jshell(jshell, tmp_path):
    parameters = {name: value for name, (value, _) in COMPILE_SAMPLE.items()}
    parameters.update({f"text{i}": text for i, text in enumerate(STRING_SAMPLE)})
    # The notebook's own defaults come first, as in a papermill run: the injected cell redeclares them.
    script = "int alpha = 1;\nString text0 = \"default\";\n" + JavaTranslator.codify(parameters)
    for i in range(len(STRING_SAMPLE)):
        script += (f'System.out.println("text{i}:" + text{i}.codePoints().mapToObj(Integer::toString)'
                   f'.collect(Collectors.joining(",")));\n')
    script += "/vars\n/exit\n"
    (tmp_path / "parameters.jsh").write_text(script, encoding="utf-8")
    result = subprocess.run(
        [jshell, "-J-Dfile.encoding=UTF-8", "-R-Dfile.encoding=UTF-8", "parameters.jsh"],
        cwd=tmp_path, stdin=subprocess.DEVNULL, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    output = result.stdout.splitlines()
    assert result.returncode == 0, result.stdout + result.stderr
    assert not [line for line in output if "Error" in line or "Exception" in line], result.stdout
    shown = {line.strip() for line in output}
    for name, (_, expected) in COMPILE_SAMPLE.items():
        assert expected in shown, f"{name}: expected {expected!r} in jshell's /vars:\n{result.stdout}"
    for i, text in enumerate(STRING_SAMPLE):
        code_points = ",".join(str(ord(c)) for c in text)
        assert f"text{i}:{code_points}" in shown, f"text{i} {text!r}:\n{result.stdout}"
        assert any(line.startswith(f"String text{i} = ") for line in shown)
