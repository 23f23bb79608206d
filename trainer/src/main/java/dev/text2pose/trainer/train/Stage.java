package dev.text2pose.trainer.train;

/** The paper's two training stages; the label is what {@code --stage} and checkpoints spell. */
public enum Stage {

    /** Stage 1: unconditional pretraining on every train2017 person (lambda 10, lr 1e-4). */
    UNCOND("uncond"),
    /** Stage 2: conditional training on captioned single-person images (lambda 150, lr 4e-4). */
    COND("cond");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    /** The command-line and checkpoint spelling. */
    public String label() {
        return label;
    }

    /** The stage spelt {@code label}; throws IllegalArgumentException naming the valid labels otherwise. */
    public static Stage fromLabel(String label) {
        for (Stage stage : values()) {
            if (stage.label.equals(label)) {
                return stage;
            }
        }
        throw new IllegalArgumentException("unknown stage '" + label + "'; expected uncond or cond");
    }
}
