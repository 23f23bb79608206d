package dev.text2pose.trainer.train;

/** Which pair of networks a run trains; the label is what {@code --model} and checkpoints spell. */
public enum ModelKind {

    /** The paper's model: the heatmap generator and convolutional critic ({@code dev.text2pose.trainer.model}). */
    HEATMAP("heatmap"),
    /** The paper's regression baseline: MLP generator and critic over coordinates ({@code ...trainer.baseline}). */
    MLP("mlp"),
    /** The keypoint-space flow-matching generator ({@code dev.text2pose.trainer.flow}); trained by FlowTrainer. */
    FLOW("flow");

    private final String label;

    ModelKind(String label) {
        this.label = label;
    }

    /** The command-line and checkpoint spelling. */
    public String label() {
        return label;
    }

    /** The kind spelt {@code label}; throws IllegalArgumentException naming the valid labels otherwise. */
    public static ModelKind fromLabel(String label) {
        for (ModelKind kind : values()) {
            if (kind.label.equals(label)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown model '" + label + "'; expected heatmap, mlp or flow");
    }
}
