package dev.imagesdk.internal.transfer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileSinkTest {

    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    private FileChannel open() throws IOException {
        return FileChannel.open(dir.resolve("f.part"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    @Test
    void durableSinkForcesTheWrittenBytesEveryIntervalWhileWriting() throws Exception {
        byte[] data = TestData.random(10 * MIB, 1);
        List<Long> forcedAfter = new ArrayList<>();
        try (FileChannel ch = open()) {
            FileSink[] sink = new FileSink[1];
            // Runs each background force at once, so the test sees when it happened.
            sink[0] = new FileSink(ch, Runnable::run, 2 * MIB, () -> forcedAfter.add(sink[0].written()));
            for (int off = 0; off < data.length; off += MIB / 2) {
                sink[0].write(data, off, MIB / 2);
            }
            sink[0].finish();
        }

        assertThat(forcedAfter).containsExactly(2L * MIB, 4L * MIB, 6L * MIB, 8L * MIB, 10L * MIB);
        assertThat(Files.readAllBytes(dir.resolve("f.part"))).isEqualTo(data);
    }

    @Test
    void sinkWithoutBackgroundForcesNothing() throws Exception {
        AtomicInteger forces = new AtomicInteger();
        try (FileChannel ch = open()) {
            FileSink sink = new FileSink(ch, null, MIB, forces::incrementAndGet);
            sink.write(new byte[4 * MIB], 0, 4 * MIB);
            sink.finish();
        }

        assertThat(forces).hasValue(0);
        assertThat(Files.size(dir.resolve("f.part"))).isEqualTo(4L * MIB);
    }

    @Test
    void failedBackgroundForceFailsTheNextWriteAndFinish() throws Exception {
        IOException eio = new IOException("Input/output error");
        try (FileChannel ch = open()) {
            FileSink sink = new FileSink(ch, Runnable::run, MIB, () -> {
                throw eio;
            });
            sink.write(new byte[MIB], 0, MIB); // starts the force, which fails

            assertThatThrownBy(() -> sink.write(new byte[MIB], 0, MIB)).isSameAs(eio);
            assertThatThrownBy(sink::finish).isSameAs(eio);
        }
    }

    @Test
    void forceThatNeverGotAThreadBeforeFinishDoesNothing() throws Exception {
        List<Runnable> queued = new ArrayList<>();
        AtomicInteger forces = new AtomicInteger();
        try (FileChannel ch = open()) {
            FileSink sink = new FileSink(ch, queued::add, MIB, forces::incrementAndGet);
            sink.write(new byte[3 * MIB], 0, 3 * MIB);
            sink.write(new byte[3 * MIB], 0, 3 * MIB); // the first force is still queued: not asked for twice

            sink.finish(); // does not wait for a task that has not started
            queued.forEach(Runnable::run);
        }

        assertThat(queued).hasSize(1);
        assertThat(forces).hasValue(0);
    }

    @Test
    void finishWaitsForTheRunningForceAndReportsItsFailure() throws Exception {
        CountDownLatch forcing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        IOException eio = new IOException("Input/output error");
        try (FileChannel ch = open()) {
            FileSink sink = new FileSink(ch, r -> new Thread(r, "forcer").start(), MIB, () -> {
                forcing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                throw eio;
            });
            sink.write(new byte[MIB], 0, MIB);
            assertThat(forcing.await(10, TimeUnit.SECONDS)).isTrue();

            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread finisher = new Thread(() -> {
                try {
                    sink.finish();
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            finisher.start();
            awaitWaiting(finisher);
            assertThat(thrown.get()).isNull(); // still waiting for the force
            release.countDown();
            finisher.join(10_000);

            assertThat(finisher.isAlive()).isFalse();
            assertThat(thrown.get()).isSameAs(eio);
        }
    }

    /** Until the thread blocks (its state, polled; gives up after 10 s on a very loaded machine). */
    private static void awaitWaiting(Thread t) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.yield();
        }
        assertThat(t.getState()).isEqualTo(Thread.State.WAITING);
    }
}
