/**
 * The service's Linux x86-64 distribution ({@link dev.text2pose.dist.LinuxX64Distribution}): the jar and its
 * libraries as the container image carries them, without the native libraries other platforms need. Development
 * builds keep every platform's natives in {@code serving/service/target/lib}, so {@code java -jar} works anywhere.
 */
package dev.text2pose.dist;
