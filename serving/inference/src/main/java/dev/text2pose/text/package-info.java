/**
 * Sentence encoders that turn captions into the generator's text condition. The trainer and the service both
 * encode through {@link dev.text2pose.text.TextEncoder}, so what the model was trained on is exactly what it is
 * served; the default, {@link dev.text2pose.text.MiniLmEncoder}, runs all-MiniLM-L6-v2 in our own ONNX Runtime
 * session so that it follows the same CUDA or CPU choice as the generator.
 */
package dev.text2pose.text;
