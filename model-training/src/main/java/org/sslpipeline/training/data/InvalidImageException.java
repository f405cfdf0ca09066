package org.sslpipeline.training.data;

/** The bytes of a record are not an image the pipeline can use; the message says why. */
public class InvalidImageException extends RuntimeException {
    public InvalidImageException(String reason) {
        super(reason);
    }
}
