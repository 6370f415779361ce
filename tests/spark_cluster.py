"""A real Apache Spark standalone cluster on loopback for tests/test_spark.py: a master and one worker, each in a
JVM of its own, run from the Spark jars Maven copies into tests/spark/target/jars (tests/spark/pom.xml; ~/.m2
keeps the 270 MB download between runs). SPARK_HOME is a scratch directory whose jars/ are those jars, as a Spark
distribution has them; the worker starts its executor JVMs from there."""
import contextlib
import json
import os
import pathlib
import shutil
import socket
import subprocess
import time
import urllib.request

HERE = pathlib.Path(__file__).resolve().parent
SPARK_POM = HERE / "spark" / "pom.xml"
JARS = HERE / "spark" / "target" / "jars"
# Spark's documented JVM options for JDK 17+ (its launcher's JavaModuleOptions), for the master and the worker.
MODULE_OPTIONS = [f"--add-opens=java.base/{p}=ALL-UNNAMED" for p in (
    "java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net", "java.nio", "java.util",
    "java.util.concurrent", "java.util.concurrent.atomic", "jdk.internal.ref", "sun.nio.ch", "sun.nio.cs",
    "sun.security.action", "sun.util.calendar")]


def spark_version():
    text = SPARK_POM.read_text()
    return text.split("<spark.version>")[1].split("</spark.version>")[0]


def spark_jars():
    """The directory of Spark's jars, copied by Maven on first use (seconds from a warm ~/.m2)."""
    marker = JARS / f".spark-{spark_version()}"
    if not marker.exists():
        shutil.rmtree(JARS, ignore_errors=True)
        subprocess.run(["mvn", "-B", "-q", "-f", str(SPARK_POM), "dependency:copy-dependencies",
                        f"-DoutputDirectory={JARS}"], check=True, timeout=900)
        marker.touch()
    return JARS


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def master_state(web_port):
    with urllib.request.urlopen(f"http://127.0.0.1:{web_port}/json/", timeout=5) as response:
        return json.load(response)


class Cluster:
    def __init__(self, url, web_port, master, worker, log_dir):
        self.url, self.web_port, self.master, self.worker, self.log_dir = url, web_port, master, worker, log_dir

    def state(self):
        """The master's JSON status: workers, active and completed applications."""
        return master_state(self.web_port)


@contextlib.contextmanager
def standalone_cluster(tmp_path, java_home=None, cores=2, memory="1g", timeout=120):
    """Starts a master and a worker and yields a Cluster once the worker is ALIVE; stops both afterwards."""
    jars = spark_jars()
    home = tmp_path / "spark-home"
    home.mkdir()
    (home / "jars").symlink_to(jars, target_is_directory=True)
    (home / "RELEASE").write_text(f"Spark {spark_version()} (jars from Maven Central, for Callisto's tests)\n")
    java = str(pathlib.Path(java_home or os.environ.get("JAVA_HOME") or "/usr") / "bin" / "java")
    env = dict(os.environ, SPARK_HOME=str(home), SPARK_SCALA_VERSION="2.13", SPARK_LOCAL_IP="127.0.0.1",
               SPARK_LOCAL_DIRS=str(tmp_path / "local"))
    base = [java, "-Xmx512m", *MODULE_OPTIONS, "-cp", f"{jars}/*"]
    port, web_port, worker_web_port = free_port(), free_port(), free_port()
    url = f"spark://127.0.0.1:{port}"
    processes = []
    logs = []
    try:
        log = open(tmp_path / "spark-master.log", "w")
        logs.append(log)
        processes.append(subprocess.Popen(
            base + ["org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", str(port),
                    "--webui-port", str(web_port)], env=env, stdout=log, stderr=subprocess.STDOUT))
        log = open(tmp_path / "spark-worker.log", "w")
        logs.append(log)
        processes.append(subprocess.Popen(
            base + ["org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--webui-port",
                    str(worker_web_port), "--cores", str(cores), "--memory", memory,
                    "--work-dir", str(tmp_path / "work"), url], env=env, stdout=log, stderr=subprocess.STDOUT))
        deadline = time.monotonic() + timeout
        while True:
            for process in processes:
                if process.poll() is not None:
                    raise RuntimeError(f"a Spark daemon exited with {process.returncode}; see {tmp_path}")
            try:
                if any(w.get("state") == "ALIVE" for w in master_state(web_port).get("workers", [])):
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"no ALIVE Spark worker within {timeout} s; see {tmp_path}")
            time.sleep(0.5)  # polling daemons that are starting; nothing to wait on instead
        yield Cluster(url, web_port, processes[0], processes[1], tmp_path)
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for log in logs:
            log.close()
