/**
 * The fake's state engine: images, data, members, tags, tasks, identities, quotas, the status
 * machine, faults and the journal, independent of any wire protocol.
 *
 * <p>internal: not for users, may change without notice.
 */
package dev.imagesdk.fake.internal.engine;
