/**
 * Runnable programs for the seed workflows; each runs on an embedded fake unless a real cloud is configured.
 */
package dev.imagesdk.examples;
