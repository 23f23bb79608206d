package dev.text2pose.serving.cli;

import dev.text2pose.serving.ServiceConfig;
import picocli.CommandLine.Mixin;

/** Every setting of a running service, as flags that each have an environment variable for containers. */
final class ServiceOptions {

    @Mixin
    KafkaOptions kafka = new KafkaOptions();

    @Mixin
    EmbeddedBrokerOptions broker = new EmbeddedBrokerOptions();

    @Mixin
    TopicOptions topics = new TopicOptions();

    @Mixin
    ModelOptions model = new ModelOptions();

    @Mixin
    PipelineOptions pipeline = new PipelineOptions();

    @Mixin
    HttpOptions http = new HttpOptions();

    /**
     * The service's config, after checking what can be checked before anything starts.
     *
     * @throws CommandFailure when an input is missing
     */
    ServiceConfig toConfig() {
        model.check();
        ServiceConfig.Builder config = ServiceConfig.builder();
        kafka.applyTo(config);
        broker.applyTo(config);
        topics.applyTo(config);
        model.applyTo(config);
        pipeline.applyTo(config);
        http.applyTo(config);
        return config.build();
    }
}
