/**
 * The evaluation: the paper's metrics, every baseline side by side, a learned text-pose retrieval score, and
 * pictures, on data the model never saw.
 *
 * <p>Every row of the results table is a {@link dev.text2pose.trainer.eval.PoseSource}, a function from a caption
 * (its embedding, image id and noise seed: an {@link dev.text2pose.trainer.eval.EvalQuery}) and a draw index to a
 * pose, so one {@link dev.text2pose.trainer.eval.RowEvaluator} computes every metric for every row the same way.
 * Poses live in {@link dev.text2pose.trainer.eval.PoseSet}, flat float arrays with absent keypoints already at the
 * frame centre, so the O(n^2) parts ({@link dev.text2pose.trainer.eval.PoseDistance}, {@link
 * dev.text2pose.trainer.eval.TwoSampleTest}) run over contiguous memory in parallel.
 *
 * <p>Beside the paper's metrics, each row gets FID in the judges' pose-embedding space ({@link
 * dev.text2pose.trainer.eval.JudgeScores}), caption match and caption sensitivity ({@link
 * dev.text2pose.trainer.eval.CaptionMatch}, {@link dev.text2pose.trainer.eval.CaptionSensitivity}) and per-keypoint
 * presence; headline numbers carry 95% bootstrap intervals over the evaluated images ({@code eval.stats}), and
 * {@link dev.text2pose.trainer.eval.Targets} checks the conditional generator against the bars.
 *
 * <p>The flow of {@link dev.text2pose.trainer.eval.Evaluation#run()}: {@link
 * dev.text2pose.trainer.eval.EvaluationDataLoader} (the split, selected as training selects) -> the retrieval judge
 * ({@code eval.retrieval}) -> {@link dev.text2pose.trainer.eval.EvaluationRows} -> figures -> {@link
 * dev.text2pose.trainer.eval.MetricsJson} and {@link dev.text2pose.trainer.eval.MarkdownReport}. Every generator
 * row is a model bundle scored through {@link dev.text2pose.trainer.eval.BundleGenerator}: the regression baseline
 * and the unconditional generator are exported from their training checkpoints and plug in as extra rows, as can any
 * other bundle; see {@link dev.text2pose.trainer.eval.EvaluationRows}.
 */
package dev.text2pose.trainer.eval;
