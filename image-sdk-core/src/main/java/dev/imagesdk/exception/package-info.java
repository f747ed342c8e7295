/**
 * The exceptions image-sdk throws. Every failure is an {@link dev.imagesdk.exception.ImageSdkException}
 * (unchecked), split into two branches:
 * <ul>
 *   <li>{@link dev.imagesdk.exception.ImageSdkClientException}: detected on this side, either before a
 *       request was sent (invalid input, configuration) or because the exchange could not complete or be
 *       trusted (I/O failure, idle timeout, checksum mismatch);</li>
 *   <li>{@link dev.imagesdk.exception.ImageServiceException}: the service answered with an error status;
 *       it carries the status code, Glance's message and the {@code x-openstack-request-id}.</li>
 * </ul>
 * No message, {@code toString()} or field of these types ever contains a token, password or secret.
 */
package dev.imagesdk.exception;
