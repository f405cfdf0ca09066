package org.sslpipeline.jobs.pseudo;

/**
 * What the selection did with the rows of one class (or of all classes together).
 *
 * @param pseudoLabeled  input rows with this hard label
 * @param outliers       of those, the rows dropped first because the teacher's outlier score was too high
 * @param aboveThreshold of the others, the rows whose confidence reaches the threshold
 * @param selectedUnique distinct examples kept (at most {@code perClass} when balancing)
 * @param selected       rows written, duplicates included (exactly {@code perClass} when balancing a class
 *                       that has any row above the threshold)
 */
public record SelectionCounts(long pseudoLabeled, long outliers, long aboveThreshold, long selectedUnique,
                              long selected) {
    static final SelectionCounts NONE = new SelectionCounts(0, 0, 0, 0, 0);

    /** Without outliers dropped. */
    public SelectionCounts(long pseudoLabeled, long aboveThreshold, long selectedUnique, long selected) {
        this(pseudoLabeled, 0, aboveThreshold, selectedUnique, selected);
    }

    SelectionCounts plus(SelectionCounts other) {
        return new SelectionCounts(pseudoLabeled + other.pseudoLabeled, outliers + other.outliers,
                aboveThreshold + other.aboveThreshold, selectedUnique + other.selectedUnique, selected + other.selected);
    }
}
