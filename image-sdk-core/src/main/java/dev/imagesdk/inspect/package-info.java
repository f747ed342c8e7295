/**
 * Local disk-image inspection: the format, virtual size and safety findings of an image, read from its
 * headers before any byte is uploaded. {@link dev.imagesdk.inspect.DiskImageInspector} is the entry point;
 * {@link dev.imagesdk.inspect.DiskImageReport} the verdict. The checks follow the ones Glance 25 runs in
 * its own format inspector (qcow2, qed, vhd, vhdx, vmdk, vdi) and add iso detection.
 *
 * <p>Every upload of both API versions applies it before the bytes leave, refusing an image whose content
 * contradicts its declared {@code disk_format} or that is unsafe; {@link dev.imagesdk.UploadOptions} says when,
 * and how to switch either check off per call.
 */
package dev.imagesdk.inspect;
