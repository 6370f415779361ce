package io.callisto.magics;

import io.callisto.engine.Engine;
import io.callisto.engine.Engine.CellOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * %%bash and %%sh: the cell runs in a shell in the notebook's directory, its output streaming into the cell
 * as it comes. An interrupt ends the shell and what it started.
 */
final class ShellMagic implements Magic {
    private final String shell;
    private volatile Process running;

    ShellMagic(String shell) {
        this.shell = shell;
    }

    @Override
    public String help() {
        return "run the cell in " + shell + ", streaming its output";
    }

    @Override
    public boolean isCellMagic() {
        return true;
    }

    @Override
    public CellOutcome run(String args, String body, MagicContext context) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of(shell, "-c", body))
                .directory(context.workingDirectory().toFile());
        builder.environment().putAll(context.environment());
        Process process = builder.start();
        process.getOutputStream().close();
        running = process;
        Thread out = copy(process.getInputStream(), context.out());
        Thread err = copy(process.getErrorStream(), context.err());
        int exit;
        try {
            exit = process.waitFor();
            out.join();
            err.join();
        } finally {
            running = null;
        }
        if (exit != 0) {
            String why = exit > 128 ? "ended by signal " + (exit - 128) : "exited with code " + exit;
            return new Engine.Failure("ShellError", "the shell " + why,
                    List.of("\u001b[1;31mShellError\u001b[0m: the shell " + why));
        }
        return new Engine.Success(null);
    }

    void interrupt() {
        Process process = running;
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
    }

    private static Thread copy(InputStream from, PrintStream to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                int read;
                while ((read = from.read(buffer)) >= 0) {
                    to.write(buffer, 0, read);
                    to.flush();
                }
            } catch (IOException e) {
                // The process ended.
            }
        }, "callisto-shell-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
