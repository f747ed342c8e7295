/**
 * Configuration of an {@link dev.imagesdk.ImageService}: {@link dev.imagesdk.config.ClientConfig}, built
 * in code or read from the environment ({@code OS_CLOUD} + {@code clouds.yaml}, {@code OS_*} variables).
 */
package dev.imagesdk.config;
