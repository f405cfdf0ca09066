package org.sslpipeline.jobs.corpus;

/** Height, width and channels of the images of a corpus. */
public record ImageShape(int height, int width, int channels) implements java.io.Serializable {
    @Override
    public String toString() {
        return height + "x" + width + "x" + channels;
    }
}
