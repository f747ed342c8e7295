package dev.imagesdk.v1.internal;

import dev.imagesdk.ImageData;
import dev.imagesdk.ImageDownload;
import dev.imagesdk.TransferListener;
import dev.imagesdk.exception.ChecksumMismatchException;
import dev.imagesdk.exception.ConflictException;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.exception.NotFoundException;
import dev.imagesdk.exception.ServiceUnavailableException;
import dev.imagesdk.exception.TransportException;
import dev.imagesdk.internal.retry.RetryPolicy;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageStatus;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The status-aware decisions of {@link V1UploadRetry} with a scripted transport and image reader: the cases
 * the fake cannot produce on demand (an upload the service completed although its answer was lost, a 409 on a
 * retried create).
 */
class V1UploadRetryTest {

    static final String ID = "3f1b7c4e-0000-4000-8000-000000000001";
    static final byte[] DATA = "some image bytes".getBytes(StandardCharsets.UTF_8);
    static final RetryPolicy POLICY = new RetryPolicy(4, Duration.ofMillis(1), 2.0, 0.0, Duration.ofMillis(1),
            Duration.ofSeconds(1));
    static final V1Request POST = new V1Request("POST", "images", Map.of(), null);
    static final V1Request PUT = new V1Request("PUT", "images/" + ID, Map.of(), null);

    /** Answers uploads from a script: an exception is thrown, null succeeds with an active image. */
    static final class ScriptedHttp implements V1Http {
        final Deque<ImageSdkException> script = new ArrayDeque<>();
        final List<String> methods = new ArrayList<>();
        int resendsPerCall;

        @Override
        public V1Response send(V1Request request) {
            throw new AssertionError("no metadata calls expected");
        }

        @Override
        public Upload upload(V1Request request, ImageData data, TransferListener listener, Runnable onAttempt) {
            for (int i = 0; i < resendsPerCall; i++) {
                onAttempt.run(); // the transport's own resends before the failure surfaces
            }
            onAttempt.run();
            methods.add(request.method());
            ImageSdkException next = script.poll();
            if (next != null) {
                throw next;
            }
            String body = "{\"image\":{\"id\":\"" + ID + "\",\"status\":\"active\",\"checksum\":\"" + md5()
                    + "\",\"size\":" + DATA.length + "}}";
            return new Upload(new V1Response(200, Map.of(), body.getBytes(StandardCharsets.UTF_8)), DATA.length,
                    md5(), "");
        }

        @Override
        public ImageDownload download(String imageId, V1Request request) {
            throw new AssertionError();
        }

        @Override
        public void close() {
        }
    }

    static String md5() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(DATA));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Image image(ImageStatus status, String checksum) {
        return Image.builder().id(ID).status(status).checksum(checksum).size((long) DATA.length).build();
    }

    /** Reader answering from a script of images (null = 404). */
    static Function<String, Image> reader(List<Image> answers, int[] reads) {
        return id -> {
            int n = reads[0]++;
            Image i = n < answers.size() ? answers.get(n) : null;
            if (i == null) {
                throw new NotFoundException("no image " + id, null);
            }
            return i;
        };
    }

    @Test
    void lostAnswerToACompletedUploadIsVerifiedAgainstTheSourceNotResent() {
        ScriptedHttp http = new ScriptedHttp();
        http.script.add(new TransportException("connection reset"));
        int[] reads = {0};
        V1UploadRetry retry = new V1UploadRetry(http, POLICY, reader(List.of(image(ImageStatus.ACTIVE, md5())), reads));

        V1UploadRetry.Outcome out = retry.send(ID, PUT, PUT, ImageData.fromBytes(DATA), TransferListener.NONE);

        assertThat(out.upload()).isNull();
        assertThat(out.image().checksum()).isEqualTo(md5());
        assertThat(http.methods).containsExactly("PUT");
    }

    @Test
    void activeImageWithOtherBytesIsAChecksumMismatch() {
        ScriptedHttp http = new ScriptedHttp();
        http.script.add(new TransportException("connection reset"));
        String other = "0123456789abcdef0123456789abcdef";
        V1UploadRetry retry = new V1UploadRetry(http, POLICY,
                reader(List.of(image(ImageStatus.ACTIVE, other)), new int[1]));

        Throwable t = catchThrowable(() -> retry.send(ID, PUT, PUT, ImageData.fromBytes(DATA), TransferListener.NONE));

        assertThat(t).isInstanceOf(ChecksumMismatchException.class);
        assertThat(http.methods).containsExactly("PUT");
    }

    @Test
    void conflictOnARetriedCreateOfAQueuedImageContinuesWithPut() {
        ScriptedHttp http = new ScriptedHttp();
        http.script.add(new ServiceUnavailableException("busy", null));
        http.script.add(new ConflictException("exists", null));
        List<Image> answers = new ArrayList<>();
        answers.add(null); // 404 after the first failure: the create never happened
        answers.add(image(ImageStatus.QUEUED, null));
        V1UploadRetry retry = new V1UploadRetry(http, POLICY, reader(answers, new int[1]));

        V1UploadRetry.Outcome out = retry.send(ID, POST, PUT, ImageData.fromBytes(DATA), TransferListener.NONE);

        assertThat(out.upload()).isNotNull();
        assertThat(http.methods).containsExactly("POST", "POST", "PUT");
    }

    @Test
    void conflictOnARetriedCreateOfAKilledImageIsThrown() {
        ScriptedHttp http = new ScriptedHttp();
        http.script.add(new TransportException("reset"));
        http.script.add(new ConflictException("exists", null));
        List<Image> answers = new ArrayList<>();
        answers.add(null);
        answers.add(image(ImageStatus.KILLED, null));
        V1UploadRetry retry = new V1UploadRetry(http, POLICY, reader(answers, new int[1]));

        Throwable t = catchThrowable(() -> retry.send(ID, POST, PUT, ImageData.fromBytes(DATA), TransferListener.NONE));

        assertThat(t).isInstanceOf(ConflictException.class);
        assertThat(http.methods).containsExactly("POST", "POST");
    }

    @Test
    void oneShotStreamIsNeverResentNorIsTheImageRead() {
        ScriptedHttp http = new ScriptedHttp();
        http.script.add(new TransportException("reset"));
        int[] reads = {0};
        V1UploadRetry retry = new V1UploadRetry(http, POLICY, reader(List.of(image(ImageStatus.QUEUED, null)), reads));

        Throwable t = catchThrowable(() -> retry.send(ID, PUT, PUT,
                ImageData.fromStream(new ByteArrayInputStream(DATA), DATA.length), TransferListener.NONE));

        assertThat(t).isInstanceOf(TransportException.class);
        assertThat(http.methods).hasSize(1);
        assertThat(reads[0]).isZero();
    }

    @Test
    void attemptsStopAtThePolicysMaximum() {
        ScriptedHttp http = new ScriptedHttp();
        for (int i = 0; i < 10; i++) {
            http.script.add(new ServiceUnavailableException("busy", null));
        }
        List<Image> queued = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            queued.add(image(ImageStatus.QUEUED, null));
        }
        V1UploadRetry retry = new V1UploadRetry(http, POLICY, reader(queued, new int[1]));

        Throwable t = catchThrowable(() -> retry.send(ID, PUT, PUT, ImageData.fromBytes(DATA), TransferListener.NONE));

        assertThat(t).isInstanceOf(ServiceUnavailableException.class);
        assertThat(http.methods).hasSize(POLICY.maxAttempts());
    }

    @Test
    void transportResendsCountAgainstTheSameAttemptBudget() {
        ScriptedHttp http = new ScriptedHttp();
        http.resendsPerCall = 2; // each call already made 3 requests
        for (int i = 0; i < 10; i++) {
            http.script.add(new ServiceUnavailableException("busy", null));
        }
        List<Image> queued = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            queued.add(image(ImageStatus.QUEUED, null));
        }
        V1UploadRetry retry = new V1UploadRetry(http, POLICY, reader(queued, new int[1]));

        Throwable t = catchThrowable(() -> retry.send(ID, PUT, PUT, ImageData.fromBytes(DATA), TransferListener.NONE));

        assertThat(t).isInstanceOf(ServiceUnavailableException.class);
        assertThat(http.methods).hasSize(2); // 3 + 3 requests reach the budget of 4; no third call
    }

    @Test
    void nonTransientFailureIsThrownAtOnce() {
        ScriptedHttp http = new ScriptedHttp();
        http.script.add(new ConflictException("not queued", null));
        int[] reads = {0};
        V1UploadRetry retry = new V1UploadRetry(http, POLICY, reader(List.of(), reads));

        Throwable t = catchThrowable(() -> retry.send(ID, PUT, PUT, ImageData.fromBytes(DATA), TransferListener.NONE));

        assertThat(t).isInstanceOf(ConflictException.class);
        assertThat(http.methods).hasSize(1);
        assertThat(reads[0]).isZero();
    }
}
