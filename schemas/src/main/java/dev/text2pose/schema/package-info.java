/**
 * The Avro contract of text2pose: {@code CaptionEvent} in, {@code PoseEvent} out, dead letters for what cannot be
 * served. The {@code .avsc} files in {@code src/main/avro} are the source of truth; the record classes are
 * generated from them. {@link dev.text2pose.schema.EventCodec} is the one place bytes become events and back.
 */
package dev.text2pose.schema;
