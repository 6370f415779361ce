"""jupyter_kernel_test's protocol conformance suite against Callisto.

Each sample attribute is filled for every feature Callisto has; an attribute left out skips its test,
so one stays out only while its feature does not exist (noted beside it).
"""
import os
import unittest

import jupyter_kernel_test


class CallistoConformance(jupyter_kernel_test.KernelTests):
    kernel_name = os.environ.get("CALLISTO_KERNEL", "java")
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("to stderr");'

    completion_samples = [
        {"text": "Math.ab", "matches": {"abs(", "absExact("}},
        {"text": "System.out.printl", "matches": {"println("}},
        {"text": "import java.util.concurrent.atomic.AtomicL", "matches": {"AtomicLong", "AtomicLongArray",
                                                                        "AtomicLongFieldUpdater"}},
        {"text": "whil", "matches": {"while"}},
    ]

    complete_code_samples = [
        "1 + 1", "int x = 1;", "void f() {}", "class A {}\nA a = new A();",
        "List<Map<String, Integer>> xs = new ArrayList<>();",
        '@SuppressWarnings("unchecked") void g() {}',
        "Runnable r = () -> System.out.println();",
        'String block = """\n    text\n    """;',
    ]
    incomplete_code_samples = [
        "void f() {", "int x = (1 +", "class A {", 'String s = """\nabc', "@Override",
        "Runnable r = () -> {", "if (1 > 0)", "Map<String, List<Integer>> m =", "int[] a = {1, 2,",
    ]
    # Invalid: no continuation can repair it (javac's parser stops before the end), so a console runs it.
    invalid_code_samples = ["int x = ;)", "}", 'String s = "unterminated', "int 3x = 4;",
                            'void f() {\n    String s = "open\n']

    code_generate_error = 'throw new IllegalStateException("expected");'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"text"', "result": '"text"'},
        {"code": "List.of(1, 2, 3)", "result": "[1, 2, 3]"},
    ]

    code_inspect_sample = "Math.abs"

    supported_history_operations = ("tail", "range", "search")
    code_history_pattern = "6 ? 7"

    code_display_data = [
        {"code": 'display(html("<b>bold</b>"));', "mime": "text/html"},
        {"code": 'display(markdown("*md*"))', "mime": "text/markdown"},
        {"code": "display(new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB));",
         "mime": "image/png"},
    ]
    code_clear_output = "clearOutput();"

    # Not in Callisto, so its test skips: pager payloads (code_page_something); Java has no pager help.


class CallistoIopubWelcome(jupyter_kernel_test.IopubWelcomeTests):
    """Protocol 5.5: IOPub is an XPUB socket and a new subscriber's first message is iopub_welcome."""
    kernel_name = os.environ.get("CALLISTO_KERNEL", "java")
    support_iopub_welcome = True


if __name__ == "__main__":
    unittest.main()
