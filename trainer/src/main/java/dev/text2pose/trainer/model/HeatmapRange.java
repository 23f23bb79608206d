package dev.text2pose.trainer.model;

/**
 * The value range the generator's heatmaps are trained in. Decoding depends on it, so the bundle records it.
 *
 * <p>The paper trains on Gaussians mapped to [-1, 1]; the spike (see the training notes) saw Tanh collapse to
 * "all -1" on that range where [0, 1] trained, so the choice stays open until it is measured on held-out data.
 */
public enum HeatmapRange {

    /** The paper's range: {@code g * 2 - 1}; a background pixel is -1. */
    MINUS_ONE_TO_ONE("[-1,1]"),

    /** Gaussians as rendered; a background pixel is 0. */
    ZERO_TO_ONE("[0,1]");

    private final String label;

    HeatmapRange(String label) {
        this.label = label;
    }

    /** The label written to {@code text2pose.heatmap_range} in the bundle metadata. */
    public String label() {
        return label;
    }

    /** The range with this metadata label; throws IllegalArgumentException for any other label. */
    public static HeatmapRange fromLabel(String label) {
        for (HeatmapRange range : values()) {
            if (range.label.equals(label)) {
                return range;
            }
        }
        throw new IllegalArgumentException("unknown heatmap range " + label + "; expected [-1,1] or [0,1]");
    }
}
