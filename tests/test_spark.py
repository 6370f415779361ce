"""Apache Spark from Java cells, through nbclient: a notebook against a real standalone cluster on loopback (a
master and a worker, each in its own JVM, from Maven's Spark jars: tests/spark_cluster.py) and the same notebook
with local[2]. Cell classes (a record, lambdas, a UDF) reach the cluster's executors through the class directory
Callisto writes; a method redefined in place gives the cluster the new code; an interrupted job frees the cluster."""
import os
import re
import time

import pathlib

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient

from spark_cluster import free_port, spark_version, standalone_cluster

KERNEL = os.environ.get("CALLISTO_KERNEL", "java")
INTERRUPT_AFTER_S = 15  # nbclient interrupts the long job's cell after this long


def kernel_java_feature():
    """The feature release (17, 25, ...) of the JDK the kernelspec runs cells on, from that JDK's release file."""
    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL)
    except Exception:  # no such kernelspec: the tests then fail on their own, saying so
        return None
    home = spec.metadata.get("callisto", {}).get("java_home") or os.environ.get("JAVA_HOME", "")
    release = pathlib.Path(home, "release")
    if not release.exists():
        return None
    version = re.search(r'JAVA_VERSION="(\d+)', release.read_text())
    return int(version.group(1)) if version else None


def spark_runs_on(java_feature):
    """Spark before 4.1 (its Hadoop calls Subject.getSubject) fails at start on JDK 24+; 4.1 and later run there."""
    major, minor = (int(part) for part in spark_version().split(".")[:2])
    return java_feature is None or java_feature < 24 or (major, minor) >= (4, 1)


pytestmark = pytest.mark.skipif(not spark_runs_on(kernel_java_feature()),
                                reason=f"Spark {spark_version()} does not run on JDK 24+ (Hadoop's Subject.getSubject)")

CELLS = [
    # defined before Spark is on the classpath: Callisto keeps its class file until Spark appears
    "record Before(long v) implements java.io.Serializable {}",
    f"%maven org.apache.spark:spark-sql_2.13:{spark_version()}",
    "import org.apache.spark.sql.*;\n"
    "import org.apache.spark.sql.api.java.UDF1;\n"
    "import org.apache.spark.sql.types.DataTypes;\n"
    "import org.apache.spark.api.java.function.*;",
    'var spark = SparkSession.builder().master("{master}").appName("callisto-test")\n'
    '        .config("spark.driver.host", "127.0.0.1").config("spark.ui.enabled", "false").getOrCreate();',
    "record Sale(String city, double amount) implements java.io.Serializable {}",
    'var sales = spark.createDataset(List.of(new Sale("Oslo", 3.5), new Sale("Lima", 2.0), new Sale("Oslo", 1.5)),\n'
    "        Encoders.javaSerialization(Sale.class));",
    'System.out.println("sum " + sales.map((MapFunction<Sale, Double>) Sale::amount, Encoders.DOUBLE())\n'
    "        .reduce((ReduceFunction<Double>) Double::sum));",
    'System.out.println("oslo " + sales.filter((FilterFunction<Sale>) s -> s.city().equals("Oslo")).count());',
    'spark.udf().register("shout", (UDF1<String, String>) s -> s.toUpperCase() + "!", DataTypes.StringType);\n'
    'System.out.println("udf " + spark.sql("SELECT shout(\'oslo\')").first().getString(0));',
    "var groups = spark.range(1_000_000).groupByKey((MapFunction<Long, Long>) x -> x % 7, Encoders.LONG()).count()\n"
    "        .collectAsList();\n"
    'System.out.println("groups " + groups.size() + " rows " + groups.stream().mapToLong(t -> (Long) t._2()).sum());',
    "long twice(long x) { return 2 * x; }",
    'System.out.println("twice " + spark.range(10).map((MapFunction<Long, Long>) x -> twice(x), Encoders.LONG())\n'
    "        .reduce((ReduceFunction<Long>) Long::sum));",
    "long twice(long x) { return 3 * x; }",
    'System.out.println("thrice " + spark.range(10).map((MapFunction<Long, Long>) x -> twice(x), Encoders.LONG())\n'
    "        .reduce((ReduceFunction<Long>) Long::sum));",
    # Each task reports the process it ran in and that process's parent (a standalone worker starts its executors).
    'System.out.println("pids " + spark.range(0, 8, 1, 4).map((MapFunction<Long, String>) x ->\n'
    '        ProcessHandle.current().pid() + "/" + ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L),\n'
    '        Encoders.STRING()).distinct().collectAsList() + " driver " + ProcessHandle.current().pid());',
    # interrupted by nbclient after INTERRUPT_AFTER_S: its tasks would otherwise hold the cluster's cores for hours
    "spark.range(0, 1_000_000_000L, 1, 2).map((MapFunction<Long, Long>) x -> { Thread.sleep(1); return x; },\n"
    "        Encoders.LONG()).count()",
    'System.out.println("after " + spark.range(100).count());',
    'spark.range(30).selectExpr("id", "id * id AS square")',  # a Dataset as the cell's value: a table
    'System.out.println("before " + spark.range(4).map((MapFunction<Long, Long>) x -> new Before(x).v() * 10,\n'
    '        Encoders.LONG()).reduce((ReduceFunction<Long>) Long::sum));',
    "spark.stop();",
]
INTERRUPTED = next(i for i, code in enumerate(CELLS) if "1_000_000_000L" in code)
DATASET = next(i for i, code in enumerate(CELLS) if "AS square" in code)
# Only in the local[2] run: a master nothing listens on fails its cell in seconds (Spark alone waits a minute),
# and the next session works.
UNREACHABLE = [
    'var lost = SparkSession.builder().master("spark://127.0.0.1:{dead_port}").appName("lost")\n'
    '        .config("spark.driver.host", "127.0.0.1").config("spark.ui.enabled", "false").getOrCreate();',
    'spark = SparkSession.builder().master("local[1]").appName("again").config("spark.ui.enabled", "false")\n'
    '        .getOrCreate();\n'
    'System.out.println("again " + spark.range(5).count());',
]


def run_notebook(master, extra=()):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(code.replace("{master}", master)) for code in [*CELLS, *extra]]
    nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Java", "language": "java"}
    client = NotebookClient(nb, kernel_name=KERNEL, allow_errors=True, interrupt_on_timeout=True,
                            timeout_func=lambda cell: INTERRUPT_AFTER_S if cell is nb.cells[INTERRUPTED] else 600)
    client.execute()
    return nb


def text_of(cell):
    parts = []
    for output in cell.outputs:
        if output.output_type == "stream" and output.name == "stdout":
            parts.append(output.text)
        elif output.output_type == "error":
            parts.append(f"{output.ename}: {output.evalue}")
    return "".join(parts)


def stdout(nb):
    return "".join(text_of(cell) for cell in nb.cells if cell.outputs)


def errors(nb, skip=()):
    return [(i, text_of(cell)) for i, cell in enumerate(nb.cells)
            if i not in skip and any(o.output_type == "error" for o in cell.outputs)]


def check_results(nb, expected_errors=()):
    assert errors(nb, skip=(INTERRUPTED, *expected_errors)) == [], stdout(nb)
    out = stdout(nb)
    assert "sum 7.0" in out
    assert "oslo 2" in out
    assert "udf OSLO!" in out
    assert "groups 7 rows 1000000" in out
    assert "twice 90" in out
    # Redefined in place in the driver: the cluster must run the new body too (3 * 45), not the one it fetched.
    assert "thrice 135" in out
    interrupted = nb.cells[INTERRUPTED]
    assert any(o.output_type == "error" for o in interrupted.outputs), "the long job was not interrupted"
    assert "after 100" in out, "a cell after the interrupted job did not run"
    assert "before 60" in out
    # The long job showed Spark's progress under its cell: stages with tasks done, running, of all.
    bars = [o for o in interrupted.outputs if o.output_type == "display_data"]
    assert bars and re.search(r"\[Stage \d+:=*>? *\(\d+ \+ \d+\) / 2\]", bars[0].data["text/plain"]), interrupted.outputs
    assert "<progress" in bars[0].data["text/html"]
    shown = next(o for o in nb.cells[DATASET].outputs if o.output_type == "execute_result")
    assert "<th>square</th>" in shown.data["text/html"] and "<td>841</td>" not in shown.data["text/html"]
    assert "|  4|    16|" in shown.data["text/plain"] and "only showing the first 20 rows" in shown.data["text/plain"]
    match = re.search(r"pids \[([\d/, -]+)\] driver (\d+)", out)
    assert match, out
    tasks = [entry.split("/") for entry in match.group(1).split(", ")]
    return {(int(pid), int(parent)) for pid, parent in tasks}, int(match.group(2))


def test_a_notebook_on_a_standalone_cluster(tmp_path):
    with standalone_cluster(tmp_path) as cluster:
        nb = run_notebook(cluster.url)
        tasks, driver = check_results(nb)
        assert {parent for _, parent in tasks} == {cluster.worker.pid}, \
            f"tasks ran in {tasks} (pid/parent), not in executors of the worker {cluster.worker.pid}"
        assert driver not in {pid for pid, _ in tasks}
        state = cluster.state()
        assert [app["name"] for app in state.get("completedapps", [])] == ["callisto-test"]
        assert state.get("activeapps") == [], "the application still runs on the cluster after spark.stop()"


def test_the_same_notebook_with_local_master():
    nb = run_notebook("local[2]", [cell.replace("{dead_port}", str(free_port())) for cell in UNREACHABLE])
    unreachable = len(CELLS)
    tasks, driver = check_results(nb, expected_errors=(unreachable,))
    lost = [o for o in nb.cells[unreachable].outputs if o.output_type == "error"]
    assert lost and "cannot be reached" in lost[0].evalue and "Connection refused" in lost[0].evalue, \
        nb.cells[unreachable].outputs
    stderr = "".join(o.text for o in nb.cells[unreachable].outputs if o.output_type == "stream" and o.name == "stderr")
    assert "Callisto: could not" not in stderr, stderr[-2000:]
    assert "again 5" in stdout(nb)
    assert {pid for pid, _ in tasks} == {driver}, "local[2] ran tasks outside the driver's JVM"


def test_kernel_shutdown_stops_the_session_cleanly(tmp_path):
    """A kernel shut down with its SparkSession still active stops it: the cluster's executor hears the driver's
    shutdown command (not a lost driver) and the application is finished, not left running."""
    from jupyter_client.manager import start_new_kernel
    with standalone_cluster(tmp_path) as cluster:
        km, kc = start_new_kernel(kernel_name=KERNEL)
        try:
            for code in CELLS[:4]:
                reply = kc.execute_interactive(code.replace("{master}", cluster.url), timeout=600)
                assert reply["content"]["status"] == "ok", code
            reply = kc.execute_interactive('spark.range(0, 100, 1, 2).count()', timeout=300)
            assert reply["content"]["status"] == "ok"
            assert [app["name"] for app in cluster.state()["activeapps"]] == ["callisto-test"]
        finally:
            kc.stop_channels()
            km.shutdown_kernel()  # a shutdown_request, as JupyterLab's "Shut Down Kernel" sends
        logs = list((tmp_path / "work").glob("app-*/*/stderr"))
        assert logs, "the worker started no executor"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and (cluster.state()["activeapps"]
                                               or "Driver commanded a shutdown" not in logs[0].read_text()):
            time.sleep(0.5)  # polling the master and a log file; nothing to wait on instead
        assert cluster.state()["activeapps"] == [], "the application still runs after the kernel's shutdown"
        assert "Driver commanded a shutdown" in logs[0].read_text(), logs[0].read_text()[-2000:]
