"""The tests import callisto_papermill from this checkout, not from whatever copy pip installed last."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
