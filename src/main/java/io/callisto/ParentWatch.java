package io.callisto;

import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Ends the kernel when the process that launched it is gone, as ipykernel's ParentPollerUnix does: the process
 * named by {@code JPY_PARENT_PID} (jupyter_client sets it), else the kernel's parent at start. It checks that
 * process's liveness every second rather than comparing the parent pid, which on Linux becomes 1 or a subreaper
 * when the kernel is orphaned. A {@link ProcessHandle} knows its process's start time, so a reused pid is not
 * taken for the original.
 */
final class ParentWatch {
    private static final Logger LOG = Logger.getLogger(ParentWatch.class.getName());
    static final String PARENT_PID_ENV = "JPY_PARENT_PID";
    private static final long POLL_MS = 1000;

    private ParentWatch() {
    }

    /** The process to watch: JPY_PARENT_PID's, else the parent's; none if it is already gone or is init. */
    static Optional<ProcessHandle> parentOf(Map<String, String> env) {
        String named = env.get(PARENT_PID_ENV);
        Optional<ProcessHandle> parent;
        if (named != null && !named.isBlank()) {
            try {
                parent = ProcessHandle.of(Long.parseLong(named.strip()));
            } catch (NumberFormatException e) {
                LOG.warning(PARENT_PID_ENV + " is not a pid: " + named + "; watching the parent process instead");
                parent = ProcessHandle.current().parent();
            }
        } else {
            parent = ProcessHandle.current().parent();
        }
        return parent.filter(handle -> handle.pid() > 1 && handle.isAlive());
    }

    /** Starts a daemon thread that runs {@code onGone} once, when {@code parent} has ended. */
    static void watch(ProcessHandle parent, Runnable onGone) {
        Thread poller = new Thread(() -> {
            try {
                while (parent.isAlive()) {
                    Thread.sleep(POLL_MS);
                }
            } catch (InterruptedException e) {
                return;
            }
            onGone.run();
        }, "callisto-parent-watch");
        poller.setDaemon(true);
        poller.start();
        LOG.fine(() -> "watching the parent process " + parent.pid());
    }
}
