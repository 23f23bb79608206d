package dev.text2pose.trainer.data;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Why a record of a COCO file was not used: either a selection rule of the paper left it out, or it is bad data.
 *
 * <p>The two kinds are kept apart because they mean different things to a user: rule skips are expected in any
 * COCO file (crowds, small persons, group photos), while bad data means the file is damaged or not what it claims,
 * and is worth a look when its count is not zero. Each reason counts one kind of record (see {@link Unit}), and each
 * record is counted under at most one reason: the first that applies in declaration order within its unit.
 */
public enum SkipReason {

    /** An annotation of another COCO category; the official instance files hold 80. */
    NOT_PERSON(Unit.ANNOTATION, false, "not of the person category"),
    /** A crowd region; it has no keypoints and is no single person. */
    CROWD(Unit.ANNOTATION, false, "crowd region (iscrowd=1)"),
    /** A field the pipeline needs is absent or has the wrong JSON type. */
    MISSING_FIELD(Unit.ANNOTATION, true, "image_id, category_id, keypoints or bbox missing or mistyped"),
    /** The keypoint array is not 17 x (x, y, v) of finite numbers with {@code v} in {0, 1, 2}. */
    KEYPOINTS_MALFORMED(Unit.ANNOTATION, true, "keypoints not 51 finite numbers with v in {0,1,2}"),
    /** The bbox is not four finite numbers with positive width and height, so it cannot be normalised. */
    BBOX_INVALID(Unit.ANNOTATION, true, "bbox not 4 finite numbers with positive width and height"),
    /** The annotation refers to an image that is not among the file's usable images. */
    UNKNOWN_IMAGE(Unit.ANNOTATION, true, "image_id not among the usable images"),
    /** A labelled keypoint lies outside {@code [0, width] x [0, height]} of its image. */
    KEYPOINT_OUTSIDE_IMAGE(Unit.ANNOTATION, true, "a labelled keypoint outside the image"),
    /** Seven or fewer labelled keypoints: the paper's threshold is more than 7. */
    TOO_FEW_KEYPOINTS(Unit.ANNOTATION, false, "7 or fewer labelled keypoints"),

    /** An {@code images} entry without an id or a positive width and height. */
    IMAGE_MISSING_FIELD(Unit.IMAGE, true, "id, width or height missing or not positive"),
    /** An image id listed twice in one file; the first entry is kept. */
    DUPLICATE_IMAGE(Unit.IMAGE, true, "id listed twice (first kept)"),
    /** Stage 2: an image with no person annotation. */
    NO_PERSON(Unit.IMAGE, false, "no person annotated"),
    /** Stage 2: an image with more than one person annotation of any kind, crowds included. */
    MULTI_PERSON(Unit.IMAGE, false, "more than one person annotated"),
    /** Stage 2: an image whose one person was skipped; that person's reason is counted under annotations. */
    PERSON_UNUSABLE(Unit.IMAGE, false, "its one person was skipped (reason counted above)"),
    /** Stage 2: a selected image that has no caption. */
    NO_CAPTIONS(Unit.IMAGE, true, "selected single-person image without captions"),

    /** A caption without an image id or without text. */
    CAPTION_MISSING_FIELD(Unit.CAPTION, true, "image_id or caption text missing or empty"),
    /** A caption of an image id listed in neither the captions nor the keypoints file. */
    CAPTION_UNKNOWN_IMAGE(Unit.CAPTION, true, "image_id in neither file");

    /** The reasons stage 1 checks: everything about persons and images, nothing about captions. */
    public static final Set<SkipReason> STAGE_1 = Collections.unmodifiableSet(
            EnumSet.range(NOT_PERSON, DUPLICATE_IMAGE));

    /** The reasons stage 2 checks: all of them. */
    public static final Set<SkipReason> STAGE_2 = Collections.unmodifiableSet(EnumSet.allOf(SkipReason.class));

    /** The kind of record a reason counts. */
    public enum Unit {
        ANNOTATION("annotations"), IMAGE("images"), CAPTION("captions");

        private final String plural;

        Unit(String plural) {
            this.plural = plural;
        }

        /** The plural noun used in reports. */
        public String plural() {
            return plural;
        }
    }

    private final Unit unit;
    private final boolean bad;
    private final String description;

    SkipReason(Unit unit, boolean bad, String description) {
        this.unit = unit;
        this.bad = bad;
        this.description = description;
    }

    /** The kind of record this reason counts. */
    public Unit unit() {
        return unit;
    }

    /** Whether this is bad data (true) or a selection rule (false). */
    public boolean isBad() {
        return bad;
    }

    /** One line for reports. */
    public String description() {
        return description;
    }
}
