/**
 * Internal: not for users, may change without notice.
 *
 * <p>The call layer shared by every API-version implementation, whatever carries the bytes:
 * <ul>
 *   <li>{@link dev.imagesdk.internal.http.CallExecutor} runs each call with a token, the one retry policy
 *       and at most one re-authentication; each call declares itself with a
 *       {@link dev.imagesdk.internal.http.CallSpec} (idempotent? replayable body? bytes tracked?);</li>
 *   <li>{@link dev.imagesdk.internal.http.ErrorMapper} maps every error response to a typed exception;</li>
 *   <li>{@link dev.imagesdk.internal.http.WireLogger} writes the one wire log;</li>
 *   <li>{@link dev.imagesdk.internal.http.FeignFactory} creates Feign clients for JSON and header calls;</li>
 *   <li>{@link dev.imagesdk.internal.http.ClientContext} hands all of it to an
 *       {@link dev.imagesdk.spi.ImageServiceProvider}.</li>
 * </ul>
 * A JSON call from an implementation:
 * <pre>{@code
 * ImagesApi api = ctx.feign(ImagesApi.class);          // once
 * ImageJson img = ctx.callExecutor().execute(CallSpec.idempotent("images.get", "GET"),
 *         token -> api.get(token, id));                // token as an @Param header
 * }</pre>
 * A streaming upload declares a one-shot body and marks the spec before writing:
 * {@code CallSpec.builder("images.upload", "PUT").idempotent(true).replayable(data.isReplayable())
 * .tracksBytesSent(true).build()}, calls {@code spec.markBytesSent()} before the first byte, maps error
 * responses with {@code ctx.errorMapper()::map}, logs with {@code ctx.wireLogger()}, and calls
 * {@code ctx.tokenProvider().ifPresent(p -> p.ensureValidFor(ctx.transferTokenValidity()))} first.
 */
package dev.imagesdk.internal.http;
