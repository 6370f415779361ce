"""Runs every notebook in tests/notebooks with nbclient, as CI and papermill users do, and compares each
cell's outputs with the ones stored in the notebook."""
import base64
import copy
import pathlib

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((pathlib.Path(__file__).parent / "notebooks").glob("*.ipynb"))


def comparable(outputs):
    """The parts of outputs that must match: type, stream name and text, data by MIME type, error name."""
    result = []
    for output in outputs:
        kind = output["output_type"]
        if kind == "stream":
            # Consecutive stream messages of the same name render as one block.
            if result and result[-1][0] == "stream" and result[-1][1] == output["name"]:
                result[-1] = ("stream", output["name"], result[-1][2] + output["text"])
                continue
            result.append(("stream", output["name"], output["text"]))
        elif kind in ("execute_result", "display_data"):
            result.append((kind, tuple(sorted((mime, image_marker(mime, value)) for mime, value in output["data"].items()))))
        elif kind == "error":
            result.append((kind, output["ename"], output["evalue"]))
    return result


def kinds(outputs):
    return [(o["output_type"], o.get("name"), tuple(sorted(o.get("data", {})))) for o in outputs]


def image_marker(mime, value):
    """Images compare by type and signature, not byte for byte (encoders differ between JDKs)."""
    if mime == "image/png":
        return "PNG" if base64.b64decode(value).startswith(b"\x89PNG\r\n\x1a\n") else "not a PNG"
    return value


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_outputs_match(path, kernel_name):
    expected = nbformat.read(path, as_version=4)
    notebook = copy.deepcopy(expected)
    allow_errors = notebook.metadata.get("callisto_test", {}).get("allow_errors", False)
    # Run in the notebook's own directory, as Jupyter does, so relative paths (%load) resolve there.
    NotebookClient(notebook, kernel_name=kernel_name, timeout=120, startup_timeout=60, allow_errors=allow_errors,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    for index, (want, got) in enumerate(zip(expected.cells, notebook.cells)):
        if want.cell_type != "code":
            continue
        if want.metadata.get("callisto_test", {}).get("compare") == "types":
            # Outputs whose text varies from run to run (download sizes): their kinds and MIME types must match.
            assert kinds(got.outputs) == kinds(want.outputs), f"cell {index}: {want.source!r}"
            continue
        assert comparable(got.outputs) == comparable(want.outputs), f"cell {index}: {want.source!r}"


def test_there_are_notebooks():
    assert NOTEBOOKS, "tests/notebooks holds no notebooks"


def test_language_info_reaches_the_notebook(kernel_name):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("1")]
    NotebookClient(notebook, kernel_name=kernel_name, timeout=60).execute()
    assert notebook.metadata["language_info"]["name"] == "java"
    assert notebook.metadata["language_info"]["file_extension"] == ".jshell"
    assert notebook.cells[0].outputs[0]["data"]["text/plain"] == "1"
