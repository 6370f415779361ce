"""Papermill support for Callisto, the Java kernel: a translator that injects parameters as typed Java.

Papermill has no entry-point group for translators, only a registry it fills in code; it does load the
plugins of its `papermill.engine` group whenever it is imported. So the `callisto` engine entry point
(papermill's own nbclient engine under another name) is what brings this package in, and importing the
package registers the translator for the language "java".
"""
# papermill first: importing it loads the entry point, which imports this package again, half-initialised,
# and the translator module must not be the one waiting on papermill at that moment.
import papermill  # noqa: F401

from papermill.translators import papermill_translators

from .translator import JavaTranslator

LANGUAGE = "java"  # the language_info name of Callisto (and of IJava and JJava notebooks)

papermill_translators.register(LANGUAGE, JavaTranslator)

__all__ = ["JavaTranslator"]
