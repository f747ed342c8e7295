/**
 * The fake's state engine: images, data, members, tags, tasks, identities, quotas, the status
 * machine, faults and the journal, independent of any wire protocol.
 *
 * <p>One class per Glance resource ({@link dev.imagesdk.fake.internal.engine.Images},
 * {@link dev.imagesdk.fake.internal.engine.ImageData}, {@link dev.imagesdk.fake.internal.engine.Imports},
 * {@link dev.imagesdk.fake.internal.engine.Tags}, {@link dev.imagesdk.fake.internal.engine.Members},
 * {@link dev.imagesdk.fake.internal.engine.Tasks}, {@link dev.imagesdk.fake.internal.engine.Stores},
 * {@link dev.imagesdk.fake.internal.engine.Cache}, {@link dev.imagesdk.fake.internal.engine.Usage}), with
 * {@link dev.imagesdk.fake.internal.engine.Policy}, {@link dev.imagesdk.fake.internal.engine.Transitions} and
 * {@link dev.imagesdk.fake.internal.engine.V1Semantics}; all share one {@code EngineState} and its lock,
 * and {@link dev.imagesdk.fake.internal.engine.Engine} owns them.
 *
 * <p>internal: not for users, may change without notice.
 */
package dev.imagesdk.fake.internal.engine;
