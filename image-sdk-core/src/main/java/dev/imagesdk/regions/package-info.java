/**
 * Publishing one image to several regions or clouds at once ({@link dev.imagesdk.ImageServices#publish}):
 * options, failure policies, progress and the outcome per region.
 */
package dev.imagesdk.regions;
