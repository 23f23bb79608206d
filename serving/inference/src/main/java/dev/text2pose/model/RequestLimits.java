package dev.text2pose.model;

/**
 * The bounds a {@link PoseRequest} must respect, public so that the service can dead-letter a message that breaks
 * them before it reaches inference, and say which bound it broke.
 *
 * <p>The bounds keep one request's cost bounded: a request becomes {@code samples x frames} generator rows, so
 * the largest is 16 x 60 = 960 rows, and the caption length bounds tokenisation (the encoder reads at most 256
 * tokens anyway, so longer text would be silently cut).
 */
public final class RequestLimits {

    /** Fewest poses per request. */
    public static final int MIN_SAMPLES = 1;
    /** Most poses per request (different noise vectors for the same caption). */
    public static final int MAX_SAMPLES = 16;
    /** Frames of a pose without a target caption: one pose, no interpolation. */
    public static final int SINGLE_FRAME = 1;
    /** Fewest frames of an interpolation: the two end points. */
    public static final int MIN_INTERPOLATION_FRAMES = 2;
    /** Most frames of an interpolation. */
    public static final int MAX_INTERPOLATION_FRAMES = 60;
    /** Longest caption or target caption, in characters: Unicode code points, so an emoji counts once. */
    public static final int MAX_CAPTION_CHARS = 1000;

    private RequestLimits() {
    }

    /**
     * Checks a request's values against the limits.
     *
     * @throws IllegalArgumentException naming the field, its value and the limit it breaks
     */
    public static void check(String caption, int samples, String targetCaptionOrNull, int frames) {
        checkCaption("caption", caption);
        if (samples < MIN_SAMPLES || samples > MAX_SAMPLES) {
            throw new IllegalArgumentException(
                    "samples must be " + MIN_SAMPLES + ".." + MAX_SAMPLES + ", got " + samples);
        }
        if (targetCaptionOrNull == null) {
            if (frames != SINGLE_FRAME) {
                throw new IllegalArgumentException("frames must be 1 without a target caption, got " + frames);
            }
            return;
        }
        checkCaption("targetCaption", targetCaptionOrNull);
        if (frames < MIN_INTERPOLATION_FRAMES || frames > MAX_INTERPOLATION_FRAMES) {
            throw new IllegalArgumentException("frames must be " + MIN_INTERPOLATION_FRAMES + ".."
                    + MAX_INTERPOLATION_FRAMES + " with a target caption, got " + frames);
        }
    }

    /** Blank means without a visible character ({@link #hasVisibleCharacter}); length is counted in code points. */
    private static void checkCaption(String field, String text) {
        if (text == null || !hasVisibleCharacter(text)) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        int characters = text.codePointCount(0, text.length());
        if (characters > MAX_CAPTION_CHARS) {
            throw new IllegalArgumentException(
                    field + " must be at most " + MAX_CAPTION_CHARS + " characters, got " + characters);
        }
    }

    /**
     * Whether {@code text} has a character that shows: not whitespace, not a space separator (no-break spaces),
     * not a format character (zero-width spaces and joiners, the byte order mark) and not a control character.
     */
    public static boolean hasVisibleCharacter(String text) {
        return text.codePoints().anyMatch(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c)
                && Character.getType(c) != Character.FORMAT && !Character.isISOControl(c));
    }
}
