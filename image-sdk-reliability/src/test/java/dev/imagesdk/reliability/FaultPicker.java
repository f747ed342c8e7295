package dev.imagesdk.reliability;

import dev.imagesdk.fake.Fault;
import dev.imagesdk.fake.Operation;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * Chooses the fault to arm before an operation: every named fault can come up, weighted so that most
 * operations still succeed after retries and slow faults (hangs, Retry-After of a second) stay rare.
 */
final class FaultPicker {
    /** How long a hang holds a request: longer than the client's request and idle timeouts. */
    static final Duration HANG = Duration.ofMillis(1_600);

    private FaultPicker() {
    }

    /**
     * A fault for one of {@code ops} (the operations the SDK call will send), or null for none.
     *
     * @param uploadOp   the operation carrying image bytes up (UPLOAD; v1 create-with-data: CREATE_IMAGE), or null
     * @param downloadOp the operation carrying image bytes down, or null
     * @param dataLength bytes of the image transferred by the call (0 if none), for body-fault offsets
     */
    static Armed pick(Random r, List<Operation> ops, Operation uploadOp, Operation downloadOp, long dataLength) {
        boolean uploads = uploadOp != null;
        boolean downloads = downloadOp != null;
        Operation op = ops.get(r.nextInt(ops.size()));
        int roll = r.nextInt(100);
        int times = r.nextInt(10) < 8 ? 1 : 2 + r.nextInt(4); // sometimes more than the SDK's 4 attempts
        Fault f;
        if (roll < 12) {
            f = Fault.serviceUnavailable(times, Duration.ofSeconds(r.nextInt(20) == 0 ? 1 : 0));
        } else if (roll < 22) {
            f = Fault.serviceUnavailable(times);
        } else if (roll < 24) {
            // longer than the client's total retry budget: it must give up at once, typed
            f = Fault.serviceUnavailable(1, Duration.ofSeconds(30));
        } else if (roll < 32) {
            f = r.nextBoolean() ? Fault.tooManyRequests(times, Duration.ZERO) : Fault.tooManyRequests(times);
        } else if (roll < 38) {
            f = Fault.internalError(1);
        } else if (roll < 48) {
            f = Fault.resetBeforeResponse();
        } else if (roll < 50) {
            f = Fault.hang(HANG);
        } else if (roll < 60) {
            f = Fault.unauthorizedOnce();
            op = ops.get(r.nextInt(ops.size()));
        } else if (roll < 68) {
            f = Fault.truncatedBody();
        } else if (downloads && dataLength > 0 && roll < 80) {
            f = Fault.corruptedByte(r.nextInt((int) dataLength));
            op = downloadOp;
        } else if (downloads && dataLength > 0 && roll < 92) {
            f = Fault.dropConnectionMidDownload(r.nextInt((int) dataLength));
            op = downloadOp;
        } else if (uploads && dataLength > 0) {
            f = Fault.dropConnectionMidUpload(r.nextInt((int) dataLength));
            op = uploadOp;
        } else {
            f = Fault.latency(Duration.ofMillis(r.nextInt(30)));
        }
        return new Armed(op, f);
    }

    record Armed(Operation op, Fault fault) {
    }
}
