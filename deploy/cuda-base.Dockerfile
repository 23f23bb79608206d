# The GPU image's base: NVIDIA's CUDA runtime with Temurin's Java 17. ONNX Runtime 1.23's CUDA provider links against
# CUDA 12 (cuBLAS, cuFFT, cuRAND) and cuDNN 9. deploy/scripts/build-image.sh gpu builds it as text2pose-cuda-base.
ARG JRE_IMAGE=eclipse-temurin:17-jre-jammy
ARG CUDA_IMAGE=nvidia/cuda:12.8.1-cudnn-runtime-ubuntu22.04

FROM ${JRE_IMAGE} AS jre

FROM ${CUDA_IMAGE}
COPY --from=jre /opt/java/openjdk /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:$PATH
