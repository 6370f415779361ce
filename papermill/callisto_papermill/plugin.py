"""The object of the `papermill.engine` entry point, whose only purpose is that papermill imports this package
(which registers the Java translator) whenever papermill itself is imported."""
from papermill.engines import NBClientEngine

import callisto_papermill  # noqa: F401  (registers the translator)


class CallistoEngine(NBClientEngine):
    """Papermill's default engine, unchanged; `--engine callisto` is the same as not choosing one."""
