package dev.text2pose.dist;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Entry names as they are in the service's libraries (ONNX Runtime, DJL, JNA, zstd, lz4, snappy). */
class PlatformFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "ai/onnxruntime/native/linux-x64/libonnxruntime.so",
            "ai/onnxruntime/native/linux-x64/libonnxruntime_providers_cuda.so",
            "native/lib/linux-x86_64/cpu/libtokenizers.so",
            "com/sun/jna/linux-x86-64/libjnidispatch.so",
            "linux/amd64/libzstd-jni-1.5.7-17.so",
            "net/jpountz/util/linux/amd64/liblz4-java.so",
            "org/xerial/snappy/native/Linux/x86_64/libsnappyjava.so",
            "linux/libplatformless.so",
            "META-INF/native/libsomething.so.1",
            "ai/onnxruntime/OrtSession.class",
            "win/amd64/",
            "models/default.onnx"})
    void keepsLinuxX8664NativesAndEverythingElse(String name) {
        assertTrue(PlatformFilter.keeps(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ai/onnxruntime/native/win-x64/onnxruntime_providers_cuda.dll",
            "native/lib/osx-aarch64/cpu/libtokenizers.dylib",
            "native/lib/linux-aarch64/cpu/libtokenizers.so",
            "native/lib/win-x86_64/cpu/libstdc++-6.dll",
            "com/sun/jna/linux-x86/libjnidispatch.so",
            "com/sun/jna/aix-ppc64/libjnidispatch.a",
            "com/sun/jna/darwin-x86-64/libjnidispatch.jnilib",
            "com/sun/jna/freebsd-x86-64/libjnidispatch.so",
            "com/sun/jna/sunos-x86-64/libjnidispatch.so",
            "linux/i386/libzstd-jni-1.5.7-17.so",
            "darwin/x86_64/libzstd-jni-1.5.7-17.dylib",
            "org/xerial/snappy/native/Linux/android-aarch64/libsnappyjava.so",
            "org/xerial/snappy/native/Mac/x86_64/libsnappyjava.dylib",
            "org/xerial/snappy/native/Windows/x86_64/snappyjava.dll"})
    void dropsOtherPlatformsNatives(String name) {
        assertFalse(PlatformFilter.keeps(name), name);
    }
}
