/**
 * Local disk-image inspection: the format, virtual size and safety findings of an image, read from its
 * headers before any byte is uploaded. {@link dev.imagesdk.inspect.DiskImageInspector} is the entry point;
 * {@link dev.imagesdk.inspect.DiskImageReport} the verdict. The checks follow the ones Glance 25 runs in
 * its own format inspector (qcow2, qed, vhd, vhdx, vmdk, vdi) and add iso detection.
 */
package dev.imagesdk.inspect;
