/**
 * The paper's two networks in libtorch through JavaCPP: the heatmap generator and the WGAN-LP critic of Zhang et
 * al., "Adversarial Synthesis of Human Pose from Text" (GCPR 2020), each in a conditional and an unconditional
 * variant, with the paper's weight initialisation drawn from one seed and weights saved and loaded by name.
 *
 * <p>Both networks take the <em>scaled</em> text vector ({@link dev.text2pose.trainer.model.TextScaling}); the
 * scale is applied outside the modules while training and inside the exported ONNX graph, so the modules hold only
 * learned weights and the bundle alone says how raw encoder output is fed.
 */
package dev.text2pose.trainer.model;
