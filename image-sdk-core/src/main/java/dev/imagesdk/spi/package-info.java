/**
 * Service-provider interface between image-sdk-core and the API-version modules. Not for application code.
 */
package dev.imagesdk.spi;
