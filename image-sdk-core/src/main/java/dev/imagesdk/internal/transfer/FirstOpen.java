package dev.imagesdk.internal.transfer;

import java.io.IOException;

/** Sends the first data GET of a download (offset 0); resumes are sent by the engine itself. */
@FunctionalInterface
interface FirstOpen {

    /**
     * @throws IOException a connection failure before any response
     */
    DataResponse open() throws IOException;
}
