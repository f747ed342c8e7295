/**
 * Runnable programs for the seed workflows, one {@code main} each, written to be copied:
 * {@link dev.imagesdk.examples.PublishPartnerImage} (seed 004 end to end),
 * {@link dev.imagesdk.examples.ManageImages} (seeds 000-003), {@link dev.imagesdk.examples.ShareImage},
 * {@link dev.imagesdk.examples.DownloadImage}, {@link dev.imagesdk.examples.ImportImage} and
 * {@link dev.imagesdk.examples.SnapshotCleanup} (seed 004's snapshot section).
 *
 * <p>Each runs on an embedded fake Glance unless {@code OS_CLOUD} or {@code OS_AUTH_URL} is set (see
 * {@link dev.imagesdk.examples.ExampleEnvironment}); {@link dev.imagesdk.examples.Console},
 * {@link dev.imagesdk.examples.ProgressBar}, {@link dev.imagesdk.examples.Table} and
 * {@link dev.imagesdk.examples.SampleImage} are the small helpers they share.
 */
package dev.imagesdk.examples;
