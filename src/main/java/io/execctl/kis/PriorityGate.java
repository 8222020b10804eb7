package io.execctl.kis;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets the callers of one process through one at a time, orders before inquiries and FIFO within a
 * priority: the holder takes its send slot and waits for it, then the best waiter goes next, so a
 * burst of inquiries cannot queue ahead of an order inside the process.
 */
final class PriorityGate {
    /** A place in the queue; keeps its position when an inquiry leaves and comes back. */
    record Ticket(RateBudget.Priority priority, long seq) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition free = lock.newCondition();
    private final PriorityQueue<Ticket> waiting =
            new PriorityQueue<>(Comparator.comparing(Ticket::priority).thenComparingLong(Ticket::seq));
    private boolean busy;
    private long nextSeq;

    Ticket ticket(RateBudget.Priority priority) {
        lock.lock();
        try {
            return new Ticket(priority, nextSeq++);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until {@code ticket} is first and the gate is free, then holds the gate; false when
     * {@code deadlineNanos} ({@link System#nanoTime()}) passed first.
     */
    boolean enter(Ticket ticket, long deadlineNanos) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            waiting.add(ticket);
            try {
                while (busy || waiting.peek() != ticket) {
                    long remaining = deadlineNanos - System.nanoTime();
                    if (remaining <= 0) {
                        waiting.remove(ticket);
                        free.signalAll();
                        return false;
                    }
                    free.awaitNanos(remaining);
                }
            } catch (InterruptedException e) {
                waiting.remove(ticket);
                free.signalAll();
                throw e;
            }
            waiting.poll();
            busy = true;
            return true;
        } finally {
            lock.unlock();
        }
    }

    void leave() {
        lock.lock();
        try {
            busy = false;
            free.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Callers currently queued (for tests and diagnostics). */
    int waitingCount() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }
}
