package dev.imagesdk.regions;

/** What a publication to several regions does when one region fails. */
public enum FailurePolicy {
    /**
     * Any failure (create, upload, verification, protection) in any region deletes every image the publication
     * created, in every region: it succeeds everywhere or leaves no image anywhere. The uploads still running
     * elsewhere are aborted at once.
     */
    ALL_OR_NOTHING,
    /**
     * The regions that succeed keep their image; a failed region's image (if it was created) is deleted, and
     * the failure is reported for that region only.
     */
    BEST_EFFORT
}
