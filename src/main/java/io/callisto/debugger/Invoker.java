package io.callisto.debugger;

import com.sun.jdi.ClassType;
import com.sun.jdi.Method;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.Value;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.request.BreakpointRequest;
import com.sun.jdi.request.EventRequest;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * Calls methods in the executor JVM over JDI: user methods for the debug console, and the executor's
 * io.callisto.executor.DebugProbe for values' text, rich form and elements. JDI calls a method only on a thread
 * that a debugger event suspended: a thread stopped at a breakpoint or step, or else the executor's probe
 * thread, which the debugger wakes with an interrupt and catches at a breakpoint in {@code DebugProbe.ready}.
 * A call that has not returned within {@link #CALL_TIMEOUT_MS} (a toString waiting on a lock a stopped thread
 * holds) is given up on, so the control channel never hangs; calls fail fast until it returns.
 */
final class Invoker {
    private static final Logger LOG = Logger.getLogger(Invoker.class.getName());
    static final String PROBE_CLASS = "io.callisto.executor.DebugProbe";
    private static final String PROBE_THREAD = "callisto-debug-probe";
    static final long CALL_TIMEOUT_MS = 3000;

    /** Why a call could not be made; the message is for the user. */
    static final class CallFailed extends Exception {
        CallFailed(String message) {
            super(message);
        }
    }

    @FunctionalInterface
    interface Call<T> {
        T on(ThreadReference thread) throws Exception;
    }

    private volatile Thread callsThread;
    private final ExecutorService calls = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "callisto-debug-call");
        thread.setDaemon(true);
        callsThread = thread;
        return thread;
    });
    private final BlockingQueue<ThreadReference> arrivals = new LinkedBlockingQueue<>();
    private final ReentrantLock probeLock = new ReentrantLock();
    private volatile BreakpointRequest probeRequest;
    private volatile ThreadReference calling;
    private volatile Future<?> stuck;
    private VirtualMachine vm;

    /** Sets the probe's breakpoint in a newly attached executor JVM. */
    synchronized void install(VirtualMachine vm) {
        this.vm = vm;
        probeRequest = null;
        ClassType probe = probeClass(vm);
        if (probe == null) {
            LOG.warning("the executor has no " + PROBE_CLASS + ": values show without toString");
            return;
        }
        Method ready = probe.methodsByName("ready").get(0);
        BreakpointRequest request = vm.eventRequestManager().createBreakpointRequest(ready.location());
        request.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
        request.enable();
        probeRequest = request;
    }

    static ClassType probeClass(VirtualMachine vm) {
        List<ReferenceType> types = vm.classesByName(PROBE_CLASS);
        return types.isEmpty() ? null : (ClassType) types.get(0);
    }

    boolean isProbeRequest(Object request) {
        return request != null && request == probeRequest;
    }

    /** From the event thread: the probe thread stopped at its breakpoint. */
    void probeArrived(ThreadReference thread) {
        arrivals.offer(thread);
    }

    /** Whether {@code thread} is running a call of ours, so events on it are not the user's to see. */
    boolean isCalling(ThreadReference thread) {
        ThreadReference current = calling;
        return current != null && current.equals(thread);
    }

    boolean isProbeThread(ThreadReference thread) {
        return PROBE_THREAD.equals(safeName(thread));
    }

    /**
     * Runs {@code call} with a thread that can call methods: {@code suspended} when a debugger event stopped it,
     * else the probe thread, woken for the purpose and sent back to sleep after.
     *
     * @param suspended a thread stopped by a breakpoint or a step, or null
     * @throws CallFailed when no thread can call (no probe), or the call threw or did not return in time
     */
    <T> T withThread(ThreadReference suspended, Call<T> call) throws CallFailed {
        if (Thread.currentThread() == callsThread) {
            // A call made inside another (a value's text while listing variables): same thread, no new timeout.
            try {
                return call.on(calling);
            } catch (CallFailed e) {
                throw e;
            } catch (Evaluator.EvaluationError e) {
                throw new CallFailed(e.getMessage());
            } catch (com.sun.jdi.InvocationException e) {
                throw new CallFailed("threw " + e.exception().referenceType().name());
            } catch (Exception e) {
                throw new CallFailed(String.valueOf(e));
            }
        }
        if (suspended != null) {
            return timed(suspended, call);
        }
        if (probeRequest == null) {
            throw new CallFailed("the executor has no debug probe");
        }
        probeLock.lock();
        ThreadReference probe = null;
        try {
            arrivals.clear();
            ThreadReference sleeper = findProbeThread();
            if (sleeper == null) {
                throw new CallFailed("the executor's probe thread is gone");
            }
            sleeper.interrupt();
            probe = arrivals.poll(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            if (probe == null) {
                throw new CallFailed("the executor's probe thread did not answer");
            }
            return timed(probe, call);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailed("interrupted");
        } finally {
            if (probe != null && stuck == null) {
                try {
                    probe.resume();
                } catch (RuntimeException e) {
                    // The executor has gone.
                }
            }
            probeLock.unlock();
        }
    }

    private <T> T timed(ThreadReference thread, Call<T> call) throws CallFailed {
        Future<?> hanging = stuck;
        if (hanging != null && !hanging.isDone()) {
            throw new CallFailed("an earlier call into the executor has not returned");
        }
        stuck = null;
        Future<T> future = calls.submit(() -> {
            calling = thread;
            try {
                return call.on(thread);
            } finally {
                calling = null;
            }
        });
        try {
            return future.get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            stuck = future;
            throw new CallFailed("the call did not return within " + CALL_TIMEOUT_MS + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailed("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CallFailed failed) {
                throw failed;
            }
            if (cause instanceof Evaluator.EvaluationError error) {
                throw new CallFailed(error.getMessage());
            }
            if (cause instanceof com.sun.jdi.InvocationException invocation) {
                throw new CallFailed("threw " + invocation.exception().referenceType().name());
            }
            throw new CallFailed(String.valueOf(cause));
        }
    }

    /**
     * Calls a static method of the executor's DebugProbe.
     *
     * @param suspended a thread stopped by a debugger event, or null for the probe thread
     * @param method the DebugProbe method's name
     * @param arguments its arguments (a null element passes null)
     * @throws CallFailed as {@link #withThread}
     */
    Value probe(ThreadReference suspended, String method, Value... arguments) throws CallFailed {
        return withThread(suspended, thread -> {
            ClassType probe = probeClass(thread.virtualMachine());
            Method target = probe.methodsByName(method).get(0);
            return probe.invokeMethod(thread, target, java.util.Arrays.asList(arguments), ClassType.INVOKE_SINGLE_THREADED);
        });
    }

    /** Calls an instance method on an object; arguments as JDI values. */
    static Value invoke(ThreadReference thread, ObjectReference object, Method method, List<Value> arguments)
            throws Exception {
        return object.invokeMethod(thread, method, arguments, ObjectReference.INVOKE_SINGLE_THREADED);
    }

    private ThreadReference findProbeThread() {
        VirtualMachine machine;
        synchronized (this) {
            machine = vm;
        }
        if (machine == null) {
            return null;
        }
        for (ThreadReference thread : machine.allThreads()) {
            if (PROBE_THREAD.equals(safeName(thread))) {
                return thread;
            }
        }
        return null;
    }

    /** A thread's name, or "" for a thread that ended meanwhile. */
    static String safeName(ThreadReference thread) {
        try {
            return thread.name();
        } catch (RuntimeException e) {
            return "";
        }
    }
}
