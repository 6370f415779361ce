"""Runs a notebook headlessly with nbclient and prints each code cell with its outputs.

Used by `./kernel install` to show that the kernel works:
    python3 tools/show_notebook.py --kernel java examples/hello.ipynb
"""
import argparse
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def output_text(output):
    kind = output["output_type"]
    if kind == "stream":
        return output["text"]
    if kind in ("execute_result", "display_data"):
        data = output.get("data", {})
        if "text/plain" in data:
            return data["text/plain"] + "\n"
        return "[" + ", ".join(sorted(data)) + "]\n"
    if kind == "error":
        return f"{output['ename']}: {output['evalue']}\n"
    return ""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kernel", default="java", help="kernelspec name")
    parser.add_argument("--timeout", type=int, default=120, help="seconds per cell")
    parser.add_argument("notebook")
    args = parser.parse_args()

    notebook = nbformat.read(args.notebook, as_version=4)
    client = NotebookClient(notebook, kernel_name=args.kernel, timeout=args.timeout, startup_timeout=60)
    try:
        client.execute()
    except CellExecutionError as error:
        print(f"A cell failed:\n{error}", file=sys.stderr)
        return 1
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        print("In  [{}]: {}".format(cell.get("execution_count"), cell.source.replace("\n", "\n         ")))
        text = "".join(output_text(output) for output in cell.outputs)
        if text:
            print("Out:      " + text.rstrip("\n").replace("\n", "\n          "))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
