/**
 * A fake Glance for tests and local development: image API v2 (and the v1 API that real Glance
 * removed in Rocky) plus Keystone v3/v2.0 token issuing, served over real HTTP on 127.0.0.1.
 *
 * <p>Start one with {@link dev.imagesdk.fake.FakeGlance#builder()}, or use
 * {@link dev.imagesdk.fake.junit.FakeGlanceExtension} in JUnit 5 tests, or run the standalone jar
 * ({@link dev.imagesdk.fake.FakeGlanceMain}). Behaviour follows real Glance 25 (status codes,
 * headers, error bodies by {@code Accept}, visibility and policy rules); control the fake through
 * its Java API or the {@code /_fake/*} endpoints: seed and inspect images, read the request
 * journal, set the clock, hold status transitions, and inject named {@link dev.imagesdk.fake.Fault}s.
 *
 * <p>Control endpoints (no token needed): {@code POST /_fake/reset}, {@code GET /_fake/state},
 * {@code GET|DELETE /_fake/requests}, {@code GET|POST|DELETE /_fake/faults} (body
 * {@code {"operation": "UPLOAD", "kind": "DROP_MID_UPLOAD", "offset": 1000, "times": 1}}),
 * {@code POST /_fake/stalls} (release), {@code GET|PUT|DELETE /_fake/clock} ({@code {"now": ISO}}
 * or {@code {"advance_seconds": n}}), {@code PUT /_fake/transitions}
 * ({@code {"upload": "immediate"|"manual"|n, "import": ...}}), {@code POST /_fake/images}
 * (seed: {@code {"project", "image": {...}, "data_base64"}}), {@code POST /_fake/images/{id}/complete},
 * {@code PUT /_fake/images/{id}/status}.
 */
package dev.imagesdk.fake;
