package dev.imagesdk.internal.transfer;

/** Builds the data GET for each download attempt (so a resumed attempt carries a fresh token). */
@FunctionalInterface
public interface DataRequestFactory {
    DataRequest create();
}
