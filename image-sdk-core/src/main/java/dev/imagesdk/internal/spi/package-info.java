/** Internal: not for users, may change without notice. The SPI's bridge to the internal client context. */
package dev.imagesdk.internal.spi;
