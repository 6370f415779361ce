"""Papermill and nbconvert run notebooks with Callisto: parameters reach the Java cells typed (through the
translator in papermill/, which tests/run installs), and `nbconvert --execute` runs the bundled example."""
import json
import pathlib
import subprocess
import sys

import nbformat
import papermill

ROOT = pathlib.Path(__file__).resolve().parents[1]
PARAMETERS_NOTEBOOK = ROOT / "tests" / "notebooks" / "parameters.ipynb"
HELLO_NOTEBOOK = ROOT / "examples" / "hello.ipynb"


def printed(notebook):
    """What each code cell printed, in order, the injected cell included."""
    return ["".join(o["text"] for o in cell.outputs if o["output_type"] == "stream")
            for cell in notebook.cells if cell.cell_type == "code"]


def injected_source(notebook):
    cells = [cell for cell in notebook.cells if "injected-parameters" in cell.metadata.get("tags", [])]
    assert len(cells) == 1, "papermill injected no parameters cell"
    return cells[0].source


def test_execute_notebook_injects_typed_java_parameters(kernel_name, tmp_path):
    output = tmp_path / "parameters.out.ipynb"
    papermill.execute_notebook(
        str(PARAMETERS_NOTEBOOK), str(output), kernel_name=kernel_name, progress_bar=False, start_timeout=60,
        parameters={
            "alpha": 41,
            "name": 'Ada "Lovelace"\t😀',
            "ratio": 1.25,
            "verbose": True,
            "counts": [10, 20, 12],
            "sizes": {"b": 2, "a": 1},
        },
    )
    notebook = nbformat.read(output, as_version=4)
    source = injected_source(notebook)
    for declaration in ["int alpha = 41;", 'String name = "Ada \\"Lovelace\\"\\t😀";', "double ratio = 1.25;",
                        "boolean verbose = true;", "List<Integer> counts = List.of(10, 20, 12);",
                        "Map<String, Integer> sizes = new LinkedHashMap<>();"]:
        assert declaration in source
    assert printed(notebook)[2:] == [
        "alpha + 1 = 42\n",
        'name = Ada "Lovelace"\t😀 (16 code points)\n',
        "ratio * 2 = 2.5\n",
        "verbose = yes\n",
        "counts = [10, 20, 12], sum 42\n",
        "sizes = {b=2, a=1}\n",
        "types: Integer String Double Boolean Integer Integer\n",
    ]
    assert not [o for cell in notebook.cells for o in cell.get("outputs", []) if o["output_type"] == "error"]


def run_papermill_cli(kernel_name, tmp_path, *options):
    output = tmp_path / "parameters.cli.ipynb"
    result = subprocess.run(
        [sys.executable, "-m", "papermill", str(PARAMETERS_NOTEBOOK), str(output), "--kernel", kernel_name,
         "--no-progress-bar", "--start-timeout", "60", *options],
        capture_output=True, text=True, timeout=300,
    )
    return result, output


def test_papermill_cli_with_p_y_and_r(kernel_name, tmp_path):
    result, output = run_papermill_cli(
        kernel_name, tmp_path,
        "-p", "alpha", "9",  # YAML: an int
        "-r", "name", "007",  # raw: the string "007", not the number 7
        "-p", "ratio", "0.75",
        "-y", "verbose: true\ncounts: [5, 6]\nsizes: {large: 3, small: 1}",
    )
    assert result.returncode == 0, result.stderr
    notebook = nbformat.read(output, as_version=4)
    assert printed(notebook)[2:] == [
        "alpha + 1 = 10\n",
        "name = 007 (3 code points)\n",
        "ratio * 2 = 1.5\n",
        "verbose = yes\n",
        "counts = [5, 6], sum 11\n",
        "sizes = {large=3, small=1}\n",
        "types: Integer String Double Boolean Integer Integer\n",
    ]


def test_papermill_cli_explains_a_parameter_name_java_cannot_use(kernel_name, tmp_path):
    result, _ = run_papermill_cli(kernel_name, tmp_path, "-p", "class", "1")
    assert result.returncode != 0
    assert "'class' is a reserved word in Java" in result.stderr


def test_papermill_help_notebook_lists_the_java_parameters():
    result = subprocess.run([sys.executable, "-m", "papermill", "--help-notebook", str(PARAMETERS_NOTEBOOK)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "alpha: int (default 1)" in result.stdout
    assert "counts: List<Integer> (default List.of(1, 2, 3))" in result.stdout


def test_nbconvert_executes_the_example_notebook(kernel_name, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute", str(HELLO_NOTEBOOK),
         f"--ExecutePreprocessor.kernel_name={kernel_name}", "--ExecutePreprocessor.timeout=120",
         "--output-dir", str(tmp_path), "--output", "hello.out.ipynb"],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    notebook = json.loads((tmp_path / "hello.out.ipynb").read_text(encoding="utf-8"))
    code_cells = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert code_cells and all(cell["outputs"] for cell in code_cells), "a code cell has no output"
    assert not [o for cell in code_cells for o in cell["outputs"] if o["output_type"] == "error"]
    assert notebook["metadata"]["language_info"]["name"] == "java"
    assert "Hello from Java" in "".join(code_cells[0]["outputs"][0]["text"])
