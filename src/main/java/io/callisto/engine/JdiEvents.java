package io.callisto.engine;

import com.sun.jdi.VMDisconnectedException;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.event.VMDisconnectEvent;
import java.util.logging.Logger;

/**
 * Drains one executor JVM's JDI event queue on a thread of its own, so the debugger connection never backs up,
 * and hands each event set to the {@link DebugTarget}, which gives it to an attached debugger or resumes it.
 * Runs in the kernel JVM; ends when the executor's debugger connection does.
 */
final class JdiEvents {
    private static final Logger LOG = Logger.getLogger(JdiEvents.class.getName());

    private JdiEvents() {
    }

    static void pump(VirtualMachine vm, DebugTarget target) {
        Thread thread = new Thread(() -> {
            try {
                while (true) {
                    EventSet events = vm.eventQueue().remove();
                    boolean disconnected = events.stream().anyMatch(VMDisconnectEvent.class::isInstance);
                    target.events(vm, events);
                    if (disconnected) {
                        return;
                    }
                }
            } catch (VMDisconnectedException | InterruptedException e) {
                LOG.fine(() -> "executor JVM's debugger connection ended: " + e);
            }
        }, "callisto-jdi-events");
        thread.setDaemon(true);
        thread.start();
    }
}
