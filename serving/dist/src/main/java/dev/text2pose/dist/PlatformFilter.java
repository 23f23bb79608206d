package dev.text2pose.dist;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which jar entries a Linux x86-64 distribution keeps: everything except native libraries that sit under another
 * platform's folder. Libraries name their platform folders in many ways ({@code linux-x64}, {@code linux-x86_64},
 * {@code linux/amd64}, {@code Linux/x86_64}, {@code linux-x86-64}), so the folder path is read as an operating
 * system followed by an architecture. A native library whose path names no known operating system is kept: dropping
 * what we cannot place could break a library at run time, keeping it only costs bytes.
 */
final class PlatformFilter {

    private static final List<String> NATIVE_SUFFIXES = List.of(".so", ".dll", ".dylib", ".jnilib", ".a");
    private static final Set<String> OTHER_SYSTEMS = Set.of("win", "win32", "windows", "darwin", "mac", "macos",
            "osx", "aix", "freebsd", "openbsd", "dragonflybsd", "sunos", "solaris", "android");
    private static final Set<String> X86_64 = Set.of("x86-64", "x86_64", "amd64", "x64");

    private PlatformFilter() {
    }

    /** Whether a Linux x86-64 distribution keeps the jar entry {@code name} (a path inside the jar). */
    static boolean keeps(String name) {
        if (!isNativeLibrary(name)) {
            return true;
        }
        String[] folders = name.toLowerCase(Locale.ROOT).split("/");
        for (int i = 0; i < folders.length - 1; i++) {
            String system = folders[i].split("-", 2)[0];
            if (OTHER_SYSTEMS.contains(system)) {
                return false;
            }
            if (system.equals("linux")) {
                boolean named = folders[i].contains("-");
                if (!named && i + 2 == folders.length) {
                    return true; // linux/libx.so: no architecture named
                }
                return X86_64.contains(named ? folders[i].substring("linux-".length()) : folders[i + 1]);
            }
        }
        return true;
    }

    private static boolean isNativeLibrary(String name) {
        String file = name.substring(name.lastIndexOf('/') + 1).replaceAll("(\\.so)(\\.\\d+)+$", "$1");
        return !name.endsWith("/") && NATIVE_SUFFIXES.stream().anyMatch(file::endsWith);
    }
}
